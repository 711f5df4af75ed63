"""The kept roll-ups (ktxh.values.rollups) are a cache under the figure read model: every figure of a province's
cube, its scorecards and its page are the same read through the kept sums, added up on the fly by the same
statement, and added up through the commune-sized query — at the start, after a save, an import, a delete, a unit
merge and a unit moved to another parent. ``LARGE`` is lowered so that a small province takes the path of a large
one."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User

from ktxh.analytics.scorecard import build_scorecards
from ktxh.catalog.models import Indicator, Measure, Sector, TargetSource
from ktxh.datafiles import Problems, Row
from ktxh.figures import cube as cube_module
from ktxh.figures.cube import Cube
from ktxh.periods import Period
from ktxh.units.models import OrgUnit, UnitLink
from ktxh.values import entry, rollups
from ktxh.values.loader import load_rows
from ktxh.values.models import DataValue, Rollup, RollupStale

pytestmark = pytest.mark.django_db

Y2022, Y2023 = Period.parse("2022"), Period.parse("2023")
PERIODS = [Y2023, Y2022]


def unit(code, type, parent=None, valid_from=None, valid_to=None):
    return OrgUnit.objects.create(
        code=code, name=code.upper(), type=type, parent=parent, valid_from=valid_from, valid_to=valid_to
    )


def put(where, code, period, value, kind="actual", source=None):
    DataValue(
        org_unit=where,
        indicator=Indicator.objects.get(code=code),
        period=period,
        kind=kind,
        value=D(str(value)),
        target_source=TargetSource.objects.get(code=source) if source else None,
        target_form="exact" if source else "",
    ).save()


@pytest.fixture
def province(db):
    count = Measure.objects.create(symbol="hộ", name="hộ", dimension="count")
    percent = Measure.objects.create(symbol="%", name="%", dimension="percent")
    sector = Sector.objects.create(code="KT", name="Kinh tế")
    TargetSource.objects.create(code="tinh_giao", name="Tỉnh giao", short_name="tỉnh giao", order=1)
    households = Indicator.objects.create(code="ho", name="Số hộ", sector=sector, unit=count, value_type="integer")
    poor = Indicator.objects.create(
        code="ho_ngheo", name="Hộ nghèo", sector=sector, unit=count, value_type="integer", direction="lower"
    )
    Indicator.objects.create(
        code="ty_le_ngheo",
        name="Tỷ lệ hộ nghèo",
        sector=sector,
        unit=percent,
        value_type="percent",
        aggregation="ratio",
        numerator=poor,
        denominator=households,
        factor=100,
        direction="lower",
    )
    Indicator.objects.create(
        code="ty_le_nhap", name="Tỷ lệ nhập", sector=sector, unit=percent, value_type="percent", aggregation="none"
    )
    root = unit("tinh", "province")
    for c in range(4):
        commune = unit(f"xa{c}", "commune", root)
        for g in range(3):
            group = unit(f"xa{c}.t{g}", "residential_group", commune)
            for year, period in ((2022, Y2022), (2023, Y2023)):
                put(group, "ho", period.code, 100 + 10 * c + g + year % 10)
                kind = "estimate" if (c, g, year) == (1, 2, 2023) else "actual"
                put(group, "ho_ngheo", period.code, 5 + c + g, kind=kind)
        put(commune, "ty_le_nhap", "2023", 90 + c)
        put(commune, "ho", "2023", 333, source="tinh_giao", kind="target")
    # a commune with its own total, which wins over its groups' sum; a group reporting by quarter
    put(OrgUnit.objects.get(code="xa3"), "ho", "2023", 999)
    for quarter in range(1, 5):
        put(OrgUnit.objects.get(code="xa2.t1"), "ho_ngheo", f"2023Q{quarter}", quarter)
    return root


def figures(root):
    """Every figure of the cube of ``root`` (each unit, indicator and period), and the keys each unit has."""
    cube = Cube([root], PERIODS)
    keys = [(i.pk, "") for i in Indicator.objects.all()]
    found = {}
    for unit_id in sorted(cube.units):
        for period in PERIODS:
            found[(unit_id, period.code, "keys")] = sorted(cube.keys_at(unit_id, period))
            for key in keys:
                f = cube.figure_or_predecessors(unit_id, key, period)
                found[(unit_id, key, period.code)] = (
                    f.value,
                    f.estimate,
                    f.how,
                    f.note,
                    f.parts,
                    f.provenance,
                    f.not_computable,
                )
    return found


def scorecards(root):
    units = [root, *OrgUnit.objects.filter(parent=root).overlapping(Y2023.start, Y2023.end)]
    return {pk: repr(card.rows) for pk, card in build_scorecards(units, Y2023).items()}


def page(client, root):
    response = client.get(f"/?unit={root.code}&period=2023")
    assert response.status_code == 200
    content = response.content.decode()
    assert "XA3" in content  # the comparison of its communes
    return re.sub(r'(nonce|value|content)="[^"]*"', "", content)  # per-request tokens


@pytest.fixture
def compare(province, client, monkeypatch):
    """Check that the kept sums answer as adding up does; returns the figures (read through the cache)."""
    client.force_login(User.objects.create_superuser("admin", "", "pw-123456"))

    def check():
        monkeypatch.setattr(cube_module, "LARGE", 10_000)  # the commune-sized query, never the cache
        small = figures(province)
        monkeypatch.setattr(cube_module, "LARGE", 0)
        with rollups.bypassed():
            added, cards, html = figures(province), scorecards(province), page(client, province)
        kept = figures(province)
        assert not RollupStale.objects.exists()  # read, so recomputed
        assert Rollup.objects.exists()
        assert kept == added == small
        assert scorecards(province) == cards
        assert page(client, province) == html
        return kept

    return check


def value(found, code, where, period="2023"):
    unit_id = OrgUnit.objects.get(code=where).pk
    return found[(unit_id, (Indicator.objects.get(code=code).pk, ""), period)][0]


def test_the_kept_sums_answer_as_adding_up_after_every_kind_of_change(province, compare):
    found = compare()
    assert value(found, "ho", "xa0") == 3 * 103 + 3 and value(found, "ho", "xa3") == 999
    assert value(found, "ho", "tinh") == sum(3 * (103 + 10 * c) + 3 for c in range(3)) + 999

    # a save through the save service (the entry grid)
    admin = User.objects.get(username="admin")
    group = OrgUnit.objects.get(code="xa0.t1")
    households = Indicator.objects.select_related("unit").get(code="ho")
    cell = entry.current(group, households, Y2023, "actual")
    assert entry.save_value(admin, group, households, Y2023, "actual", "1.000", cell.version).ok
    assert RollupStale.objects.filter(parent_id=group.parent_id, period="2023").exists()
    found = compare()
    assert value(found, "ho", "xa0") == 103 + 1000 + 105

    # an import (the loader's set-based SQL): a changed figure, a new one in a new period
    rows = [
        Row("f.csv", 2, {"org_unit": "xa1.t0", "indicator": "ho", "period": "2023", "kind": "actual", "value": "7"}),
        Row("f.csv", 3, {"org_unit": "xa1.t0", "indicator": "ho", "period": "2022", "kind": "actual", "value": "8"}),
        Row(
            "f.csv",
            4,
            {"org_unit": "xa0.t0", "indicator": "ho_ngheo", "period": "2023Q2", "kind": "actual", "value": "2"},
        ),
    ]
    load_rows(rows, Problems())
    found = compare()
    assert value(found, "ho", "xa1", "2022") == 8 + 113 + 114

    # a delete (the model, as the admin does)
    DataValue.objects.get(org_unit__code="xa1.t1", indicator__code="ho", period="2023", kind="actual").delete()
    found = compare()
    assert value(found, "ho", "xa1") == 7 + 115

    # a merge: xa0 and xa1 end with 2022, xa-moi takes over from 2023 with groups of its own
    end = dt.date(2022, 12, 31)
    for code in ("xa0", "xa1"):
        for old in OrgUnit.objects.filter(path__startswith=OrgUnit.objects.get(code=code).path).order_by("-depth"):
            old.valid_to = end
            old.save()
    new = unit("xa-moi", "commune", province, valid_from=dt.date(2023, 1, 1))
    for code in ("xa0", "xa1"):
        UnitLink.objects.create(predecessor=OrgUnit.objects.get(code=code), successor=new, date=dt.date(2023, 1, 1))
    put(unit("xa-moi.t0", "residential_group", new, valid_from=dt.date(2023, 1, 1)), "ho", "2023", 50)
    found = compare()
    assert value(found, "ho", "xa-moi") == 50

    # a group moved to another commune: both communes' sums change, for every period it has figures of
    moved = OrgUnit.objects.get(code="xa2.t0")
    moved.parent = OrgUnit.objects.get(code="xa3")
    moved.save()
    marked = set(RollupStale.objects.values_list("parent_id", "period"))
    assert {(moved.parent_id, "2022"), (OrgUnit.objects.get(code="xa2").pk, "2022")} <= marked
    found = compare()
    assert value(found, "ho", "xa2", "2022") == 123 + 124


def test_a_change_rolled_back_leaves_no_mark_and_a_committed_one_is_seen(province, compare):
    from django.db import transaction

    compare()
    group = OrgUnit.objects.get(code="xa0.t0")
    with transaction.atomic():
        put(group, "ho", "2021", 1)
        assert RollupStale.objects.filter(parent_id=group.parent_id, period="2021").exists()
        transaction.set_rollback(True)
    assert not RollupStale.objects.exists()
    put(group, "ho", "2021", 1)
    assert RollupStale.objects.filter(parent_id=group.parent_id, period="2021").count() == 1


def test_rebuild_after_figures_written_without_the_change_log(province, compare):
    """A writer that bypasses the change log (a generator of synthetic data) leaves the cache behind until
    ``invalidate_all``/``rebuild`` — which is why such a writer must call it."""
    compare()
    group = OrgUnit.objects.get(code="xa0.t0")
    DataValue.objects.filter(org_unit=group, indicator__code="ho", period="2023").update(value=D(5000))
    assert not RollupStale.objects.exists()  # no change record, no mark: the rule for bulk writers
    assert rollups.rebuild() > 0
    found = compare()
    assert value(found, "ho", "xa0") == 5000 + 104 + 105
