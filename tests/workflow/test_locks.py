"""Approved figures cannot be changed through any path until the report is reopened: the entry grid and the
targets page (save_value), the API (one figure and many), imports (ktxh CSV, DHIS2 JSON), ``ktxh load``, the
admin and the model itself. Each path is refused with the same sentence; reopening opens them all again."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ktxh.cli import main
from ktxh.datafiles import LoadError
from ktxh.exchange import csvfile
from ktxh.exchange.registry import import_file
from ktxh.periods import Period
from ktxh.values import entry
from ktxh.values.models import DataValue
from tests.workflow.conftest import PASSWORD, Y2023, approve, ind, reopen

pytestmark = pytest.mark.django_db(transaction=True)
LOCKED = "đã được lanh-dao duyệt lúc"


def pigs(xa) -> DataValue:
    return DataValue.objects.get(org_unit=xa, indicator__code="dan_lon", period="2023", kind="actual")


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_save_value_is_refused_then_allowed_after_reopening(people):
    xa, clerk = people["xa"], people["clerk"]
    approve(people)
    start = entry.current(xa, ind("dan_lon"), Y2023, "actual")
    result = entry.save_value(clerk, xa, ind("dan_lon"), Y2023, "actual", "4.500", start.version)
    assert result.status == entry.INVALID and LOCKED in result.errors["value"] and "Kinh tế" in result.errors["value"]
    # a new figure of the same sector, and the sector next door
    assert entry.save_value(clerk, xa, ind("dat_nong_nghiep"), Y2023, "estimate", "1", "").status == entry.INVALID
    assert entry.save_value(clerk, xa, ind("tong_so_ho"), Y2023, "actual", "2.000", "").status == entry.SAVED
    assert entry.save_value(clerk, xa, ind("dan_lon"), Period.parse("2024"), "actual", "1", "").status == entry.SAVED
    assert pigs(xa).value == 4426
    reopen(people)
    result = entry.save_value(clerk, xa, ind("dan_lon"), Y2023, "actual", "4.500", start.version)
    assert result.status == entry.SAVED and pigs(xa).value == 4500


def test_entry_grid_shows_locked_cells_read_only_and_refuses_a_posted_cell(people):
    xa = people["xa"]
    approve(people)
    client = signed_in(people["clerk"])
    page = client.get("/nhap-lieu/?unit=xa&period=2023&sector=KT").content.decode()
    assert "Đã duyệt" in page and "readonly" in page and "không sửa được cho đến khi báo cáo được mở lại" in page
    other = client.get("/nhap-lieu/?unit=xa&period=2023&sector=VX").content.decode()
    assert "readonly" not in other
    start = entry.current(xa, ind("dan_lon"), Y2023, "actual")
    response = client.post(
        "/nhap-lieu/o/",
        {
            "unit": "xa",
            "indicator": "dan_lon",
            "period": "2023",
            "kind": "actual",
            "text": "1",
            "version": start.version,
        },
    )
    assert response.status_code == 200 and LOCKED in response.content.decode() and pigs(xa).value == 4426


def test_targets_page_refuses_a_target_of_an_approved_sector(people):
    approve(people, "VX")
    client = signed_in(people["clerk"])
    page = client.get("/chi-tieu/?unit=xa&year=2023").content.decode()
    assert LOCKED in page and 'name="val-0" value="2,03"' in page and "readonly" in page  # the poverty rate target
    response = client.post(
        "/chi-tieu/?unit=xa&year=2023",
        {
            "unit": "xa",
            "year": "2023",
            "n": "1",
            "ind-0": "tong_so_ho",
            "src-0": "huyen_giao",
            "form-0": "exact",
            "val-0": "2.000",
            "ver-0": "",
            "orig-0": "",
        },
    )
    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert not DataValue.objects.filter(indicator__code="tong_so_ho", kind="target").exists()


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_api_single_and_bulk_writes_are_refused_line_by_line(people):
    xa = people["xa"]
    approve(people)
    client = api(people["clerk"])
    one = {"org_unit": "xa", "indicator": "dan_lon", "period": "2023", "kind": "actual", "value": "5000"}
    response = client.post("/api/figures/", {"figures": [one]}, format="json")
    assert response.status_code == 400
    (problem,) = response.json()["problems"]
    assert problem["line"] == 1 and LOCKED in problem["message"]
    open_one = {"org_unit": "xa", "indicator": "tong_so_ho", "period": "2023", "kind": "actual", "value": "2000"}
    response = client.post("/api/figures/", {"figures": [open_one, one]}, format="json")
    assert response.status_code == 400 and [p["line"] for p in response.json()["problems"]] == [2]
    assert not DataValue.objects.filter(indicator__code="tong_so_ho", kind="actual").exists()  # nothing written
    assert pigs(xa).value == 4426
    reopen(people)
    assert client.post("/api/figures/", {"figures": [open_one, one]}, format="json").status_code == 200
    assert pigs(xa).value == 5000


def test_csv_import_refuses_every_row_in_the_approved_sector(people, tmp_path):
    approve(people)
    path = tmp_path / "so-lieu.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=csvfile.VALUE_COLUMNS)
        writer.writeheader()
        for code, value in [("tong_so_ho", "2000"), ("dan_lon", "5000"), ("dat_nong_nghiep", "639.93")]:
            writer.writerow(
                {"org_unit_code": "xa", "indicator_code": code, "period": "2023", "kind": "actual", "value": value}
            )
    with pytest.raises(LoadError) as error:
        import_file(path, user=people["clerk"])
    lines = [(p.line, LOCKED in p.message) for p in error.value.problems]
    assert lines == [(3, True), (4, True)]  # even the unchanged figure: an approved sector takes no file
    assert not DataValue.objects.filter(indicator__code="tong_so_ho").exists()


def test_dhis2_import_is_refused(people, tmp_path):
    approve(people)
    path = tmp_path / "dhis2.json"
    path.write_text(
        json.dumps({"dataValues": [{"dataElement": "dan_lon", "period": "2023", "orgUnit": "xa", "value": "1"}]}),
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as error:
        import_file(path)
    assert error.value.problems[0].line == 1 and LOCKED in error.value.problems[0].message
    assert pigs(people["xa"]).value == 4426


def test_ktxh_load_is_refused_with_the_line(people, files, capsys):
    approve(people)
    for row in files.tables["values"]:
        if row["indicator"] == "dan_lon" and row["period"] == "2023":
            row["value"] = "9999"
    files.write()
    status = main(["load", str(files.dataset), "--catalog", str(files.catalog)])
    err = capsys.readouterr().err
    assert status == 2 and "main.csv" in err and LOCKED in err
    assert pigs(people["xa"]).value == 4426


def test_admin_shows_approved_figures_read_only_and_refuses_changes(people):
    xa = people["xa"]
    approve(people)
    client = signed_in(people["admin"])
    figure = pigs(xa)
    url = f"/admin/values/datavalue/{figure.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(url, {"value": "1"}).status_code == 403
    assert client.post(f"/admin/values/datavalue/{figure.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = client.post(
        "/admin/values/datavalue/", {"action": "delete_selected", "_selected_action": [figure.pk], "post": "yes"}
    )
    assert bulk.status_code == 403 and DataValue.objects.filter(pk=figure.pk).exists()
    added = client.post(
        "/admin/values/datavalue/add/",
        {
            "indicator": ind("dat_nong_nghiep").pk,
            "org_unit": xa.pk,
            "period": "2023",
            "kind": "estimate",
            "value": "1",
            "disaggregation": "",
            "variant": "",
        },
    )
    assert added.status_code == 200 and LOCKED in added.content.decode()
    assert not DataValue.objects.filter(indicator__code="dat_nong_nghiep", kind="estimate").exists()
    assert pigs(xa).value == 4426


def test_the_model_itself_refuses_saves_and_deletes(people):
    xa = people["xa"]
    approve(people)
    figure = pigs(xa)
    figure.value = Decimal(1)
    with pytest.raises(ValidationError, match=LOCKED):
        figure.save()
    with pytest.raises(ValidationError, match=LOCKED):
        pigs(xa).delete()
    moved = DataValue.objects.get(org_unit=xa, indicator__code="dan_lon", period="2024")  # a 2024 target
    moved.period = "2023"
    with pytest.raises(ValidationError, match=LOCKED):
        moved.save()
    reopen(people)
    figure.save()
    assert pigs(xa).value == 1
