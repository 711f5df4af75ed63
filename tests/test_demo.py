"""The demo data set: Thắng town 2023, from the seed report."""

import csv
import io

import pytest

from ktxh.catalog.models import Indicator
from ktxh.exchange.csvfile import VALUE_COLUMNS, values_queryset, write_values
from ktxh.history.models import ChangeRecord
from ktxh.units.models import OrgUnit
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db


def exported(unit=None, period=None):
    out = io.StringIO()
    write_values(out, values_queryset(unit, period))
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_demo_loads_twice_to_the_same_state(demo):
    counts = (DataValue.objects.count(), Indicator.objects.count(), OrgUnit.objects.count())
    history = ChangeRecord.objects.count()
    from ktxh.datasets import load_demo

    again = load_demo()
    assert (DataValue.objects.count(), Indicator.objects.count(), OrgUnit.objects.count()) == counts
    assert ChangeRecord.objects.count() == history
    assert again.values.created == 0 and again.values.updated == 0


def test_demo_has_the_2023_tree_and_the_2025_merger(demo):
    thang = OrgUnit.objects.get(code="thang")
    assert [u.code for u in thang.ancestors()] == ["bac-giang", "hiep-hoa"]
    schools = OrgUnit.objects.within(thang).filter(type="school")
    assert schools.count() == 8
    merged = OrgUnit.objects.get(code="xa-hiep-hoa")
    assert "thang" in set(merged.predecessor_links.values_list("predecessor__code", flat=True))
    assert merged.parent.valid_from.isoformat() == "2025-07-01"


def test_demo_covers_every_sector_of_the_report(demo):
    sectors_with_values = set(DataValue.objects.values_list("indicator__sector__code", flat=True))
    for top in ("KT.", "VX.", "NC."):
        assert any(code.startswith(top) for code in sectors_with_values)
    assert DataValue.objects.filter(kind="target", target_source__code="huyen_giao", period="2023").exists()
    assert DataValue.objects.filter(kind="target", period="2024").count() >= 15
    assert DataValue.objects.filter(org_unit__type="school").count() >= 30


def test_export_has_the_agreed_columns_and_plain_numbers(demo):
    rows = exported(OrgUnit.objects.get(code="thang"), None)
    assert list(rows[0].keys()) == VALUE_COLUMNS
    assert len(rows) == DataValue.objects.count()
    numbers = [r["value"] for r in rows if r["value"] and r["value"][0].isdigit()]
    assert numbers and all("," not in n for n in numbers)
    assert all(r["target_source"] for r in rows if r["kind"] == "target")


def test_export_filters_by_unit_subtree_and_period(demo):
    school = OrgUnit.objects.filter(type="school").first()
    rows = exported(school, None)
    assert rows and {r["org_unit_code"] for r in rows} == {school.code}
    from ktxh.periods import Period

    assert {r["period"] for r in exported(None, Period.parse("năm 2024"))} == {"2024"}
