"""Roll-ups, year-to-date, derived values, mergers and splits, ranks and completeness, on a small built tree."""

import datetime as dt
from decimal import Decimal as D

import pytest

from ktxh.analytics.scorecard import build_scorecard, build_scorecards
from ktxh.catalog.models import Indicator, Measure, Sector, TargetSource
from ktxh.figures.cube import Cube
from ktxh.periods import Period
from ktxh.units.models import OrgUnit, UnitLink
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db


def unit(code, type, parent=None, valid_from=None, valid_to=None):
    u = OrgUnit(code=code, name=code.upper(), type=type, parent=parent, valid_from=valid_from, valid_to=valid_to)
    u.save()
    return u


def put(unit, indicator, period, value, kind="actual", source=None, form="", disaggregation="", high=None):
    DataValue(
        org_unit=unit,
        indicator=Indicator.objects.get(code=indicator),
        period=period,
        kind=kind,
        value=None if value is None else D(str(value)),
        value_high=None if high is None else D(str(high)),
        target_source=TargetSource.objects.get(code=source) if source else None,
        target_form=form,
        disaggregation=disaggregation,
        text="" if value is not None else "Hoàn thành",
    ).save()


@pytest.fixture
def world(db):
    m = {
        s: Measure.objects.create(symbol=s, name=s, dimension=d, factor=D(f))
        for s, d, f in [
            ("hộ", "count", 1),
            ("%", "percent", 1),
            ("ha", "area", 10000),
            ("tạ/ha", "yield", 100),
            ("con", "count", 1),
            ("tấn", "mass", 1000),
            ("tạ", "mass", 100),
            ("hồ sơ", "count", 1),
        ]
    }
    sector = Sector.objects.create(code="X", name="X")
    TargetSource.objects.create(code="huyen_giao", name="Huyện giao", short_name="huyện giao", order=1)
    TargetSource.objects.create(code="ke_hoach", name="Kế hoạch", short_name="kế hoạch", order=2)

    def ind(code, unit, **kw):
        return Indicator.objects.create(code=code, name=code, sector=sector, unit=m[unit], **kw)

    households = ind("ho", "hộ", value_type="integer")
    poor = ind("ho_ngheo", "hộ", value_type="integer", direction="lower")
    ind(
        "ty_le_ngheo",
        "%",
        value_type="percent",
        aggregation="ratio",
        numerator=poor,
        denominator=households,
        factor=D(100),
        direction="lower",
    )
    area = ind("dien_tich", "ha", direction="none")
    ind("nang_suat", "tạ/ha", aggregation="weighted_mean", weight=area, period_aggregation="none")
    ind("dan_lon", "con", period_aggregation="last")
    ind("ho_so", "hồ sơ")
    ind("sl_tan", "tấn")
    ind("sl_ta", "tạ")
    ind("tong_sl", "tấn", formula="sl_tan + sl_ta", aggregation="none")
    ind("sai_don_vi", "tấn", formula="sl_tan + dien_tich", aggregation="none")
    ind("mot_ho", "hộ", formula="ho / ho_ngheo", aggregation="none")
    ind("xep_hang", "hộ", aggregation="none", direction="lower")

    province = unit("p", "province")
    a = unit("a", "commune", province, valid_to=dt.date(2024, 12, 31))
    b = unit("b", "commune", province, valid_to=dt.date(2024, 12, 31))
    d = unit("d", "commune", province)
    c = unit("c", "commune", province, valid_from=dt.date(2025, 1, 1))
    a1 = unit("a1", "residential_group", a, valid_to=dt.date(2024, 12, 31))
    a2 = unit("a2", "residential_group", a, valid_to=dt.date(2024, 12, 31))
    b1 = unit("b1", "residential_group", b, valid_to=dt.date(2024, 12, 31))
    UnitLink.objects.create(predecessor=a, successor=c, date=dt.date(2025, 1, 1), kind="merge", share=D(1))
    UnitLink.objects.create(predecessor=b, successor=c, date=dt.date(2025, 1, 1), kind="merge", share=D(1))
    split = unit("d-north", "commune", province, valid_from=dt.date(2025, 1, 1))
    UnitLink.objects.create(predecessor=d, successor=split, date=dt.date(2025, 1, 1), kind="split", share=D("0.4"))

    for u, ho, ngheo in [(a1, 100, 3), (a2, 200, 5), (b1, 300, 12)]:
        put(u, "ho", "2024", ho)
        put(u, "ho_ngheo", "2024", ngheo)
    put(d, "ho", "2024", 1000)
    put(d, "ho_ngheo", "2024", 20)
    put(c, "ho", "2025", 620)
    put(c, "ho_ngheo", "2025", 15)
    put(split, "ho", "2025", 420)
    put(split, "ho_ngheo", "2025", 10)
    put(a, "ho_ngheo", "2024", 9)  # entered on the commune: wins over its groups' 3 + 5
    put(a1, "dien_tich", "2024", 10)
    put(a2, "dien_tich", "2024", 30)
    put(a1, "nang_suat", "2024", 50)
    put(a2, "nang_suat", "2024", 60)
    for month, n in [(1, 10), (2, 20), (3, 30), (4, 5), (5, 5), (6, 5), (7, 1), (8, 1), (9, 1)]:
        put(a1, "ho_so", f"2024{month:02d}", n)
    put(a1, "dan_lon", "2024Q1", 400)
    put(a1, "dan_lon", "2024Q2", 420, kind="estimate")
    put(a1, "sl_tan", "2024", 3)
    put(a1, "sl_ta", "2024", 5)
    put(a1, "dien_tich", "2023", 8)
    put(a, "xep_hang", "2024", 2)
    put(b, "xep_hang", "2024", 1)
    put(d, "xep_hang", "2024", 2)
    put(a, "ho", "2024", 290, kind="estimate")
    put(a, "ty_le_ngheo", "2024", 3.5, kind="target", source="huyen_giao", form="at_most")
    put(a, "ty_le_ngheo", "2024", None, kind="target", source="ke_hoach", form="qualitative")
    put(a, "dan_lon", "2024", 500, kind="target", source="ke_hoach", form="range", high=600)
    put(a, "ho_so", "2024", 100, kind="target", source="ke_hoach", form="at_least")
    return {u.code: u for u in OrgUnit.objects.all()}


def fig(unit, code, period, disaggregation=""):
    cube = Cube([OrgUnit.objects.get(code="p")], [Period.parse(period)], focus=[unit])
    return cube.figure(unit.pk, (Indicator.objects.get(code=code).pk, disaggregation), Period.parse(period))


def row(card, code, source=None):
    return next(
        r for r in card.rows if r.indicator.code == code and (r.target.source.code if r.target else None) == source
    )


def test_sum_rollup_with_entered_value_winning(world):
    assert fig(world["b"], "ho", "2024").value == 300
    assert fig(world["a"], "ho_ngheo", "2024").value == 9  # entered
    # province: a (entered 9) + b (12 from b1) + d (20)
    rolled = fig(world["p"], "ho_ngheo", "2024")
    assert (rolled.value, rolled.how, rolled.parts) == (41, "rollup", 3)


def test_ratio_is_recomputed_never_averaged(world):
    # a: entered households estimate 290 wins over 300 from groups; rate = 9 / 290
    a_rate = fig(world["a"], "ty_le_ngheo", "2024")
    assert a_rate.value.quantize(D("0.001")) == D("3.103") and a_rate.estimate
    province = fig(world["p"], "ty_le_ngheo", "2024")
    assert province.value.quantize(D("0.0001")) == (D(41) / D(1590) * 100).quantize(D("0.0001"))


def test_weighted_mean(world):
    assert fig(world["a"], "nang_suat", "2024").value == D("57.5")  # (50×10 + 60×30) / 40


def test_year_to_date_from_months_and_stocks_from_the_last_period(world):
    assert fig(world["a1"], "ho_so", "2024Q1").value == 60
    assert fig(world["a1"], "ho_so", "2024S1").value == 75
    assert fig(world["a1"], "ho_so", "2024C9").value == 78
    assert fig(world["a"], "ho_so", "2024C9").value == 78  # months rolled up, then summed
    assert fig(world["a1"], "ho_so", "2024").value is None  # October–December are missing
    stock = fig(world["a1"], "dan_lon", "2024S1")
    assert (stock.value, stock.estimate) == (420, True)


def test_formulas_convert_compatible_units_and_refuse_others(world):
    assert fig(world["a1"], "tong_sl", "2024").value == D("3.5")  # 3 tấn + 5 tạ
    assert "không cộng được ha" in fig(world["a1"], "sai_don_vi", "2024").note
    assert fig(world["a1"], "mot_ho", "2024").value == D(100) / D(3)


def test_division_by_zero_and_missing_component_are_explained(world):
    unit_d = world["d"]
    put(unit_d, "ho", "2023", 0)
    put(unit_d, "ho_ngheo", "2023", 0)
    assert "bằng 0" in fig(unit_d, "ty_le_ngheo", "2023").note
    assert (
        "thiếu ho_ngheo" in fig(world["a1"], "ty_le_ngheo", "2023").note
        or fig(world["a1"], "ty_le_ngheo", "2023").value is None
    )


def test_scorecard_targets_status_and_rollup_difference(world):
    card = build_scorecard(world["a"], Period.parse("2024"))
    rate = row(card, "ty_le_ngheo", "huyen_giao")
    assert rate.judgement.status == "đạt" and rate.judgement.pct_of_target is None
    assert row(card, "ty_le_ngheo", "ke_hoach").judgement.note.startswith("chỉ tiêu định tính")
    herd = row(card, "dan_lon", "ke_hoach")
    assert herd.actual.value is None or herd.judgement.status == "không đạt"
    dossiers = row(card, "ho_so", "ke_hoach")
    assert dossiers.actual.value is None and "chưa có số thực hiện" in dossiers.judgement.note
    poor = row(card, "ho_ngheo")
    assert poor.entered_vs_rollup == 1  # 9 entered, 8 from the groups
    assert row(card, "ho").actual.estimate


def test_year_on_year_for_merged_and_split_units(world):
    merged = build_scorecard(world["c"], Period.parse("2025"))
    households = row(merged, "ho")
    assert households.change.previous == D(290) + D(300)  # a (entered estimate) + b (rolled up)
    assert households.change.change == 30
    rate = row(merged, "ty_le_ngheo")
    assert rate.change.previous == (D(21) / D(590) * 100)
    split = build_scorecard(world["d-north"], Period.parse("2025"))
    assert row(split, "ho").change.previous == D(400)  # 40 % of d's 1000
    assert row(split, "ty_le_ngheo").change.previous == D(2)  # the ratio of the shares
    d = build_scorecard(world["d"], Period.parse("2024"))
    assert "không có số liệu năm 2023" in row(d, "ho").change.note


def test_ranks_are_direction_aware_with_ties(world):
    cards = build_scorecards([world["a"], world["b"], world["d"]], Period.parse("2024"))
    ranks = {
        code: (row(cards[world[code].pk], "xep_hang").rank, row(cards[world[code].pk], "xep_hang").rank_of)
        for code in ("a", "b", "d")
    }
    assert ranks == {"b": (1, 3), "a": (2, 3), "d": (2, 3)}  # lower is better; a and d tie
    poor = {code: row(cards[world[code].pk], "ho_ngheo").rank for code in ("a", "b", "d")}
    assert poor == {"a": 1, "b": 2, "d": 3}


def test_completeness(world):
    card = build_scorecard(world["a"], Period.parse("2024"))
    missing = {Indicator.objects.get(pk=k[0]).code for k in card.completeness.missing}
    estimates = {Indicator.objects.get(pk=k[0]).code for k in card.completeness.estimate_only}
    assert "ho_so" in missing  # a target with no result
    assert "ty_le_ngheo" in estimates  # made from an estimated denominator


def test_fresh_after_a_save(world):
    period = Period.parse("2024")
    assert row(build_scorecard(world["b"], period), "ho").actual.value == 300
    put(world["b"], "ho", "2024", 333)
    assert row(build_scorecard(world["b"], period), "ho").actual.value == 333


def test_any_tiling_of_the_period_adds_up(world):
    a2 = world["a2"]
    put(a2, "ho_so", "2024S1", 10)
    put(a2, "ho_so", "2024Q3", 5)
    assert fig(a2, "ho_so", "2024C9").value == 15  # 6 tháng + quý III
    put(a2, "ho_so", "2024Q4", 7)
    assert fig(a2, "ho_so", "2024").value == 22  # 6 tháng + quý III + quý IV
    b1 = world["b1"]
    put(b1, "ho_so", "2024C9", 90)
    put(b1, "ho_so", "2024Q4", 30)
    assert fig(b1, "ho_so", "2024").value == 120  # 9 tháng + quý IV


def test_children_reporting_by_different_periods_are_all_counted(world):
    put(world["a1"], "dan_lon", "2023", 100)  # a stock, but summed across children as any count
    put(world["a2"], "dan_lon", "2023S1", 40)
    put(world["a2"], "dan_lon", "2023S2", 60)
    rolled = fig(world["a"], "dan_lon", "2023")
    assert rolled.value == 160 and rolled.note == "tổng hợp từ 2/2 đơn vị trực thuộc"  # a2's stock: S2


def test_a_split_from_a_unit_without_children(world):
    d = world["d"]
    assert not OrgUnit.objects.filter(parent=d).exists()
    card = build_scorecard(world["d-north"], Period.parse("2025"))
    assert row(card, "ho").change.previous == 400


def test_weighted_means_keep_the_estimate_flag(world):
    for unit_code, _value in (("a1", 50), ("a2", 60)):
        DataValue.objects.filter(org_unit__code=unit_code, indicator__code="nang_suat").update(kind="estimate")
    assert fig(world["a"], "nang_suat", "2024").estimate
