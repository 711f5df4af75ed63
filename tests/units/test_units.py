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
        "tinh", "huyen", "xa", "xa.tdp-1"}
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


@pytest.mark.parametrize("change, where", [
    (lambda t: t["units"][2].update(parent="khong-co"), "dòng 4, cột «parent»"),
    (lambda t: t["units"].append(dict(t["units"][3])), "dòng 8, cột «code»"),
    (lambda t: t["units"][0].update(parent="xa", valid_from="", valid_to=""), "vòng lặp"),
    (lambda t: t["units"][2].update(valid_to="2025-13-01"), "dòng 4, cột «valid_to»"),
    (lambda t: t["units"][3].update(type="lang"), "dòng 5, cột «type»"),
    (lambda t: t["units"][3].update(valid_to=""), "dòng 5, cột «valid_to»"),
    (lambda t: t["links"][0].update(share="2"), "links.csv, dòng 2, cột «share»"),
    (lambda t: t["links"][0].update(successor="khong-co"), "links.csv, dòng 2, cột «successor»"),
])
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
