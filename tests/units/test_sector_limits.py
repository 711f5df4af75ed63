"""Grants limited to sectors: the one permission check (allows, units_for, sector_limit) and every path that writes
or shows one sector's figures — the entry grid, the save service, plan targets, the API and imports."""

from __future__ import annotations

import csv

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from ktxh.catalog.models import Indicator, Sector
from ktxh.datafiles import LoadError
from ktxh.exchange.registry import import_file
from ktxh.periods import Period
from ktxh.units.models import OrgUnit, Role, UnitAccess
from ktxh.units.scoping import Action, allows, sector_limit, units_for
from ktxh.values import entry
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def farmer(loaded):
    """A data-entry officer of commune «xa» for the economy (KT, which covers KT.NN) only."""
    user = User.objects.create_user("nongnghiep", "", "Mat-khau-rat-dai-2024")
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code="xa"), role=Role.ENTER, sectors=["KT"])
    return user


def sector(code):
    return Sector.objects.get(code=code)


def test_the_limit_covers_sub_sectors_and_nothing_else(farmer):
    xa, tdp = OrgUnit.objects.get(code="xa"), OrgUnit.objects.get(code="xa.tdp-1")
    assert allows(farmer, Action.ENTER, xa, sector=sector("KT.NN"))
    assert allows(farmer, Action.ENTER, tdp, sector=sector("KT"))
    assert not allows(farmer, Action.ENTER, xa, sector=sector("VX"))
    assert not allows(farmer, Action.APPROVE, xa, sector=sector("KT"))
    assert allows(farmer, Action.ENTER, xa)  # the unit itself: some sector of it
    assert set(units_for(farmer, Action.ENTER, sector=sector("VX"))) == set()
    assert xa in units_for(farmer, Action.ENTER, sector=sector("KT.NN"))
    assert sector_limit(farmer, Action.ENTER, xa) == frozenset({"KT"})
    UnitAccess.objects.create(user=farmer, org_unit=OrgUnit.objects.get(code="huyen"), role=Role.VIEW)
    assert sector_limit(farmer, Action.VIEW, xa) is None  # an unlimited grant above: every sector
    assert allows(farmer, Action.VIEW, xa, sector=sector("VX"))


def test_a_limit_to_a_sector_that_is_gone_allows_nothing_of_it(farmer):
    UnitAccess.objects.filter(user=farmer).update(sectors=["KHONG-CON"])
    assert not allows(farmer, Action.ENTER, OrgUnit.objects.get(code="xa"), sector=sector("KT.NN"))


def test_the_save_service_refuses_other_sectors(farmer):
    xa = OrgUnit.objects.get(code="xa")
    y2024 = Period.parse("2024")
    saved = entry.save_value(farmer, xa, Indicator.objects.get(code="dan_lon"), y2024, "actual", "4.500", "")
    assert saved.status == entry.SAVED
    with pytest.raises(PermissionDenied):
        entry.save_value(farmer, xa, Indicator.objects.get(code="tong_so_ho"), y2024, "actual", "1.200", "")


def test_the_grid_lets_only_the_allowed_sectors_be_typed(farmer, client, caplog):
    client.force_login(farmer)
    economy = client.get("/nhap-lieu/?unit=xa&period=2023&sector=KT").content.decode()
    assert 'class="cell-input" name="text"' in economy and "read-only" not in economy
    assert 'value="VX"' not in economy  # another sector is not offered
    with caplog.at_level("WARNING", logger="ktxh.security"):
        probe = client.get("/nhap-lieu/?unit=xa&period=2023&sector=VX")
    assert probe.status_code == 404 and "sector=VX" in caplog.text  # not read, and noted
    # A view grant of every sector above: the other sectors are read, not typed.
    UnitAccess.objects.create(user=farmer, org_unit=OrgUnit.objects.get(code="huyen"), role=Role.VIEW)
    society = client.get("/nhap-lieu/?unit=xa&period=2023&sector=VX").content.decode()
    assert "Số hộ nghèo" in society  # shown
    assert 'class="cell-input"' not in society and 'class="computed read-only"' in society  # not typed
    refused = client.post(
        "/nhap-lieu/o/",
        {"unit": "xa", "indicator": "tong_so_ho", "period": "2024", "kind": "actual", "text": "1", "version": ""},
        HTTP_HX_REQUEST="true",
    )
    assert refused.status_code == 403
    assert not DataValue.objects.filter(indicator__code="tong_so_ho", period="2024").exists()


def test_plan_targets_refuse_the_rows_of_other_sectors(farmer, client):
    client.force_login(farmer)
    page = client.get("/chi-tieu/?unit=xa&year=2025").content.decode()
    assert 'value="tong_so_ho"' not in page.split('name="add"')[1]  # not offered to add
    response = client.post(
        "/chi-tieu/?unit=xa&year=2025",
        {
            "unit": "xa",
            "year": "2025",
            "n": "2",
            **{"ind-0": "tong_so_ho", "src-0": "ke_hoach", "form-0": "exact", "val-0": "1.300", "ver-0": ""},
            **{"ind-1": "dan_lon", "src-1": "ke_hoach", "form-1": "exact", "val-1": "4.600", "ver-1": ""},
        },
    )
    assert response.status_code == 200
    assert "Bạn không được nhập số liệu của lĩnh vực «Văn hóa - Xã hội»" in response.content.decode()
    targets = DataValue.objects.filter(kind="target", period="2025")
    assert list(targets.values_list("indicator__code", flat=True)) == ["dan_lon"]


def test_the_api_refuses_figures_of_other_sectors(farmer):
    client = APIClient()
    client.force_authenticate(farmer)
    figures = [
        {"org_unit": "xa", "indicator": "dan_lon", "period": "2024", "kind": "actual", "value": 4500},
        {"org_unit": "xa", "indicator": "tong_so_ho", "period": "2024", "kind": "actual", "value": 1200},
    ]
    response = client.post("/api/figures/", {"figures": figures}, format="json")
    assert response.status_code == 403 and "tong_so_ho" in response.json()["detail"]
    assert not DataValue.objects.filter(period="2024", kind="actual").exists()  # all or nothing
    response = client.post("/api/figures/", {"figures": figures[:1]}, format="json")
    assert response.status_code == 200, response.json()


def test_an_import_lists_the_rows_of_other_sectors_as_problems(farmer, tmp_path):
    from ktxh.exchange.csvfile import VALUE_COLUMNS

    path = tmp_path / "so-lieu.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=VALUE_COLUMNS)
        writer.writeheader()
        for code, value in (("dan_lon", "4500"), ("tong_so_ho", "1200")):
            writer.writerow(
                {c: "" for c in VALUE_COLUMNS}
                | {"org_unit_code": "xa", "indicator_code": code, "period": "2024", "kind": "actual", "value": value}
            )
    with pytest.raises(LoadError) as refused:
        import_file(path, user=farmer)
    problems = refused.value.problems
    assert len(problems) == 1 and problems[0].line == 3 and "tong_so_ho" in problems[0].message
    assert not DataValue.objects.filter(period="2024", kind="actual").exists()


def test_the_admin_checks_the_sector_codes_of_a_grant(farmer, client):
    client.force_login(User.objects.create_superuser("root", "", "Mat-khau-rat-dai-2024"))
    colleague = User.objects.create_user("vanhoa", "", "Mat-khau-rat-dai-2024")
    form = {"user": colleague.pk, "org_unit": OrgUnit.objects.get(code="xa").pk, "role": Role.ENTER}
    refused = client.post("/admin/units/unitaccess/add/", form | {"sectors": "VX, KHONG"})
    assert refused.status_code == 200 and "KHONG" in refused.content.decode()
    assert not UnitAccess.objects.filter(user=colleague).exists()
    saved = client.post("/admin/units/unitaccess/add/", form | {"sectors": "VX; KT.NN"})
    assert saved.status_code == 302
    assert UnitAccess.objects.get(user=colleague).sectors == ["VX", "KT.NN"]
    page = client.get(f"/admin/auth/user/{colleague.pk}/change/").content.decode()
    assert "VX, KT.NN" in page  # the grants inline on the user


def test_the_read_scope_is_the_one_checks_answer(farmer):
    """``sector_scope`` turns the check's codes into sector ids: a sector is in it exactly when ``allows`` says so."""
    from ktxh.figures.scope import sector_scope, whole_unit

    xa = OrgUnit.objects.get(code="xa")
    for action in (Action.VIEW, Action.ENTER, Action.APPROVE):
        scope = sector_scope(farmer, xa, action)
        for each in Sector.objects.all():
            assert scope.has_sector(each.pk) == allows(farmer, action, xa, sector=each), (action, each.code)
    assert {s.code for s in Sector.objects.filter(pk__in=sector_scope(farmer, xa).sector_ids)} == {"KT", "KT.NN"}
    assert not whole_unit(farmer, xa)
    UnitAccess.objects.filter(user=farmer).update(sectors=["KT.NN"])  # a sub-sector: not the sector above it
    farmer = User.objects.get(pk=farmer.pk)  # the next request's user (grants are kept per user object)
    assert {s.code for s in Sector.objects.filter(pk__in=sector_scope(farmer, xa).sector_ids)} == {"KT.NN"}
    UnitAccess.objects.create(user=farmer, org_unit=OrgUnit.objects.get(code="huyen"), role=Role.VIEW)
    assert sector_scope(farmer, xa).whole and whole_unit(farmer, xa)  # every sector, from the grant above


def test_a_sub_sector_reader_sees_that_sub_sector_only(farmer, client):
    """A grant limited to a sub-sector (KT.NN): the dashboard and the API show its indicators, not the rest."""
    UnitAccess.objects.filter(user=farmer).update(sectors=["KT.NN"], role=Role.VIEW)
    client.force_login(farmer)
    page = client.get("/?unit=xa&period=2023").content.decode()
    assert "Đàn lợn" in page and "4.426" in page
    assert "Tỷ lệ hộ nghèo" not in page and "1,59" not in page
    assert "Chỉ hiện số liệu của các lĩnh vực thuộc quyền của bạn." in page or "sectors your role covers" in page
    assert "/bao-cao/" not in page  # no report of the whole unit offered
    figures = client.get("/api/figures/?org_unit=xa").json()["results"]
    assert {f["indicator"] for f in figures} == {"dat_nong_nghiep", "dan_lon"}
    report = client.get("/bao-cao/?unit=xa&period=2023")
    assert report.status_code == 403 and report["Content-Type"].startswith("text/html")
    assert "Báo cáo gồm mọi lĩnh vực" in report.content.decode()  # the reason, on the site's own page
    assert 'class="panel error-page"' in report.content.decode()
