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


def test_export_carries_the_seed_figures_footnotes_included(demo):
    """Spot checks, section by section and footnote by footnote, against the report's own numbers."""
    rows = exported(OrgUnit.objects.get(code="bac-giang"), None)
    stated = {(r["org_unit_code"], r["value"], r["unit"], r["period"], r["kind"]) for r in rows}
    for fact in [
        ("thang", "1134.31", "ha", "2023", "actual"),  # I.3.1 natural land ("1134.31 ha")
        ("thang", "392.46", "ha", "2023", "actual"),  # footnote 5, rice land
        ("thang", "4426", "con", "2023", "actual"),  # footnote 2, pigs
        ("thang", "12500", "liều", "2023", "actual"),  # footnote 3 writes "12,500 liều"
        ("thang", "80234.9", "m²", "2023", "actual"),  # I.3.2 "80.234,9 m²"
        ("thang", "26.5", "tỷ đồng", "2023", "estimate"),  # I.5 "ước đạt trên 26,5 tỷ"
        ("thang", "17.1", "tỷ đồng", "2023", "estimate"),  # I.5 spending
        ("thang", "13", "tỷ đồng", "2023", "estimate"),  # IV spending: the contradiction is kept
        ("thang", "1.59", "%", "2023", "actual"),  # footnote 15 / IV
        ("thang", "2.03", "%", "2023", "target"),  # IV "huyện giao 2,03%"
        ("thang", "94.2", "%", "2023", "actual"),  # footnote 17
        ("thang", "648", "người", "2023", "actual"),  # footnote 18
        ("thang", "562", "trường hợp", "2023", "actual"),  # footnote 19, births
        ("thang", "1711", "hồ sơ", "2023", "actual"),  # footnote 20
        ("thang", "5189", "văn bản", "2023", "actual"),  # V
        ("thang", "5316", "con", "2024", "target"),  # Part two, 2024 pigs
        ("thang", "32", "tỷ đồng", "2024", "target"),  # Part two, budget "trên 32 tỷ"
        ("thang.thcs-thi-tran", "923", "học sinh", "2023-2024", "actual"),  # II.1 per school
        ("thang.tdp-tien-hung", "56.5", "tạ/ha", "2023", "actual"),  # footnote 1, HG 12 trial
    ]:
        assert fact in stated, fact
    variants = DataValue.objects.exclude(variant="")
    assert variants.filter(indicator__unit__symbol="tỷ đồng", value=13).exists()


def test_reloading_a_changed_demo_file_removes_what_the_files_no_longer_hold(tmp_path, db):
    import shutil

    from ktxh.datasets import DEMO_DIR, load_dataset

    copy = tmp_path / "thang-2023"
    shutil.copytree(DEMO_DIR, copy)
    load_dataset(copy, replace=True)
    values_file = copy / "values" / "kinh_te.csv"
    lines = values_file.read_text(encoding="utf-8").splitlines(keepends=True)
    values_file.write_text("".join(lines[:-1]), encoding="utf-8")
    summary = load_dataset(copy, replace=True)
    assert summary.values.removed == 1
    assert ChangeRecord.objects.filter(action="delete", object_type="values.datavalue").count() == 1


def test_reloading_the_demo_never_removes_what_people_entered(demo):
    from decimal import Decimal

    from ktxh.datasets import load_demo
    from ktxh.history.actor import acting_as

    with acting_as(name="cán bộ văn phòng"):
        typed = DataValue(
            indicator=Indicator.objects.get(code="so_ho_kinh_doanh"),
            org_unit=OrgUnit.objects.get(code="thang"),
            period="2023",
            kind="estimate",
            value=Decimal(1400),
        )
        typed.save()
        other_period = DataValue(
            indicator=Indicator.objects.get(code="so_ho_kinh_doanh"),
            org_unit=OrgUnit.objects.get(code="xa-hiep-hoa"),
            period="2025S2",
            kind="actual",
            value=Decimal(2100),
        )
        other_period.save()
    summary = load_demo()
    assert summary.values.removed == 0
    assert DataValue.objects.filter(pk__in=[typed.pk, other_period.pk]).count() == 2
