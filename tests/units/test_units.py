import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ktxh.datafiles import LoadError
from ktxh.datasets import load_dataset
from ktxh.units.loader import load_units
from ktxh.units.models import OrgUnit, UnitLink

pytestmark = pytest.mark.django_db


def test_tree_paths_and_subtree(loaded):
    xa = OrgUnit.objects.get(code="xa")
    assert [u.code for u in xa.ancestors()] == ["tinh", "huyen"]
    assert set(OrgUnit.objects.within(xa).values_list("code", flat=True)) == {"xa", "xa.tdp-1"}
    assert xa.depth == 2


def test_validity_and_lineage(loaded):
    assert set(OrgUnit.objects.valid_on(dt.date(2023, 6, 1)).values_list("code", flat=True)) == {
        "tinh",
        "huyen",
        "xa",
        "xa.tdp-1",
    }
    assert set(OrgUnit.objects.valid_on(dt.date(2025, 7, 1)).values_list("code", flat=True)) == {"tinh-moi", "xa-moi"}
    link = UnitLink.objects.get()
    assert (link.predecessor.code, link.successor.code, link.share) == ("xa", "xa-moi", Decimal(1))


def test_model_refuses_cycle_and_child_outliving_parent(loaded):
    tinh = OrgUnit.objects.get(code="tinh")
    tinh.parent = OrgUnit.objects.get(code="xa")
    with pytest.raises(ValidationError, match="Vòng lặp"):
        tinh.save()
    late = OrgUnit(code="late", name="Muộn", type="residential_group", parent=OrgUnit.objects.get(code="xa"))
    with pytest.raises(ValidationError, match="hết hiệu lực"):
        late.save()


def test_database_refuses_bad_share(loaded):
    link = UnitLink.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitLink.objects.filter(pk=link.pk).update(share=Decimal("1.5"))


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda t: t["units"][2].update(parent="khong-co"), "dòng 4, cột «parent»"),
        (lambda t: t["units"].append(dict(t["units"][3])), "dòng 8, cột «code»"),
        (lambda t: t["units"][0].update(parent="xa", valid_from="", valid_to=""), "vòng lặp"),
        (lambda t: t["units"][2].update(valid_to="2025-13-01"), "dòng 4, cột «valid_to»"),
        (lambda t: t["units"][3].update(type="lang"), "dòng 5, cột «type»"),
        (lambda t: t["units"][3].update(valid_to=""), "dòng 5, cột «valid_to»"),
        (lambda t: t["links"][0].update(share="2"), "links.csv, dòng 2, cột «share»"),
        (lambda t: t["links"][0].update(successor="khong-co"), "links.csv, dòng 2, cột «successor»"),
    ],
)
def test_bad_unit_files_are_refused_whole_with_file_line_and_column(files, change, where):
    change(files.tables)
    files.write()
    with pytest.raises(LoadError) as error:
        load_dataset(files.dataset, catalog=files.catalog)
    assert where in str(error.value)
    assert OrgUnit.objects.count() == 0  # nothing of the set was written


def test_loading_units_twice_changes_nothing(files):
    first = load_units(files.dataset / "units.csv", files.dataset / "links.csv")
    paths = list(OrgUnit.objects.values_list("code", "path"))
    assert load_units(files.dataset / "units.csv", files.dataset / "links.csv") == first
    assert list(OrgUnit.objects.values_list("code", "path")) == paths


def _units_file(files, rows):
    from ktxh.units.loader import UNIT_COLUMNS
    from tests.conftest import write_csv

    return write_csv(files.root / "second" / "units.csv", UNIT_COLUMNS, rows)


@pytest.mark.parametrize(
    "row, where, child",
    [
        (
            {
                "code": "huyen",
                "name": "Huyện B",
                "type": "district",
                "parent": "tinh",
                "valid_from": "1997-01-01",
                "valid_to": "2020-12-31",
            },
            "dòng 2, cột «valid_to»",
            "xa",
        ),
        (
            {
                "code": "tinh",
                "name": "Tỉnh A",
                "type": "province",
                "valid_from": "2000-01-01",
                "valid_to": "2025-06-30",
            },
            "dòng 2, cột «valid_from»",
            "huyen",
        ),
    ],
)
def test_second_load_cannot_leave_stored_children_outside_their_parent(loaded, row, where, child):
    before = list(OrgUnit.objects.values_list("code", "valid_from", "valid_to", "parent__code"))
    with pytest.raises(LoadError) as error:
        load_units(_units_file(loaded, [row]))
    assert where in str(error.value) and f"«{child}»" in str(error.value)
    assert list(OrgUnit.objects.values_list("code", "valid_from", "valid_to", "parent__code")) == before


def test_second_load_cannot_put_a_unit_under_its_own_child(loaded):
    before = list(OrgUnit.objects.values_list("code", "parent__code", "path"))
    row = {"code": "tinh", "name": "Tỉnh A", "type": "province", "parent": "xa", "valid_to": "2025-06-30"}
    with pytest.raises(LoadError) as error:
        load_units(_units_file(loaded, [row]))
    assert "dòng 2, cột «parent»" in str(error.value) and "vòng lặp" in str(error.value)
    assert list(OrgUnit.objects.values_list("code", "parent__code", "path")) == before


def test_admin_refuses_a_loop_and_a_child_outliving_its_parent_as_form_errors(loaded, client):
    from django.contrib.auth.models import User

    User.objects.create_superuser("admin", "", "pw-123456")
    client.login(username="admin", password="pw-123456")
    tinh, xa, huyen = (OrgUnit.objects.get(code=c) for c in ("tinh", "xa", "huyen"))

    def post(unit, **changes):
        data = {
            "code": unit.code,
            "name": unit.name,
            "type": unit.type,
            "parent": unit.parent_id or "",
            "valid_from": f"{unit.valid_from:%d/%m/%Y}" if unit.valid_from else "",
            "valid_to": f"{unit.valid_to:%d/%m/%Y}" if unit.valid_to else "",
            "official_code": unit.official_code,
            "successor_links-TOTAL_FORMS": "0",
            "successor_links-INITIAL_FORMS": "0",
        }
        data.update(changes)
        return client.post(f"/admin/units/orgunit/{unit.pk}/change/", data)

    response = post(tinh, parent=xa.pk)
    assert response.status_code == 200 and "Vòng lặp" in response.content.decode()
    response = post(huyen, valid_to="31/12/2020")
    assert response.status_code == 200 and "«xa»" in response.content.decode()
    assert OrgUnit.objects.get(code="tinh").parent_id is None
    assert OrgUnit.objects.get(code="huyen").valid_to == dt.date(2025, 6, 30)


@pytest.mark.parametrize("code", ['xa"\nmoi', "xã-mới", "-xa"])
def test_admin_refuses_unit_codes_the_loaders_refuse(loaded, client, code):
    from django.contrib.auth.models import User

    User.objects.create_superuser("admin", "", "pw-123456")
    client.login(username="admin", password="pw-123456")
    response = client.post(
        "/admin/units/orgunit/add/",
        {
            "code": code,
            "name": "Xã mới",
            "type": "commune",
            "parent": "",
            "valid_from": "01/07/2025",
            "valid_to": "",
            "official_code": "",
            "successor_links-TOTAL_FORMS": "0",
            "successor_links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and "chỉ được gồm chữ không dấu" in response.content.decode()
    assert not OrgUnit.objects.filter(code=code).exists()
