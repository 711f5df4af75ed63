"""The read model: each way a figure is obtained (entered, estimate, roll-up, formula, shorter periods, lineage),
with its provenance; the stored statements (targets by source, variants, ranges); labels; and the web page showing
the resolved total of a parent indicator, as the report does."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from ktxh.catalog.models import Dimension, DimensionOption, Indicator, Measure, Sector, TargetSource
from ktxh.figures import statements as stored
from ktxh.figures.catalog import Catalog
from ktxh.figures.cube import Cube
from ktxh.figures.labels import Labels
from ktxh.periods import Period
from ktxh.units.models import OrgUnit, UnitLink
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db


def unit(code, type, parent=None, valid_from=None, valid_to=None):
    return OrgUnit.objects.create(
        code=code, name=code.upper(), type=type, parent=parent, valid_from=valid_from, valid_to=valid_to
    )


def put(
    where,
    indicator,
    period,
    value,
    kind="actual",
    source=None,
    form="",
    disaggregation="",
    high=None,
    variant="",
    text="",
    comment="",
):
    DataValue(
        org_unit=where,
        indicator=Indicator.objects.get(code=indicator),
        period=period,
        kind=kind,
        value=None if value is None else D(str(value)),
        value_high=None if high is None else D(str(high)),
        target_source=TargetSource.objects.get(code=source) if source else None,
        target_form=form,
        disaggregation=disaggregation,
        variant=variant,
        text=text,
        comment=comment,
    ).save()


@pytest.fixture
def world(db):
    m = {
        s: Measure.objects.create(symbol=s, name=s, dimension=d, factor=D(f))
        for s, d, f in [("hộ", "count", 1), ("%", "percent", 1), ("ha", "area", 10000), ("con", "count", 1)]
    }
    sector = Sector.objects.create(code="KT", name="Kinh tế")
    TargetSource.objects.create(code="huyen_giao", name="Chỉ tiêu huyện giao", short_name="huyện giao", order=1)
    TargetSource.objects.create(code="nq_hdnd", name="Nghị quyết HĐND", short_name="NQ HĐND", order=2)
    land = Dimension.objects.create(code="loai_dat", name="Loại đất")
    DimensionOption.objects.create(dimension=land, code="lua", name="Đất trồng lúa", order=1)

    def ind(code, unit_symbol, **kw):
        return Indicator.objects.create(
            code=code, name=code.replace("_", " ").capitalize(), sector=sector, unit=m[unit_symbol], **kw
        )

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
    ind("dt_lua", "ha")
    ind("dt_mau", "ha")
    ind("dt_gieo_trong", "ha", formula="dt_lua + dt_mau", aggregation="none")
    pigs = ind("dan_lon", "con", period_aggregation="last")
    pigs.dimensions.add(land)  # any dimension will do for a disaggregated figure
    ind("ho_so", "hộ")

    province = unit("p", "province")
    old = unit("old", "commune", province, valid_to=dt.date(2024, 12, 31))
    xa = unit("xa", "commune", province)
    new = unit("new", "commune", province, valid_from=dt.date(2025, 1, 1))
    g1 = unit("g1", "residential_group", xa)
    g2 = unit("g2", "residential_group", xa)
    UnitLink.objects.create(predecessor=old, successor=new, date=dt.date(2025, 1, 1), kind="merge", share=D(1))
    UnitLink.objects.create(predecessor=xa, successor=new, date=dt.date(2025, 1, 1), kind="merge", share=D("0.5"))

    put(g1, "ho", "2024", 100)
    put(g2, "ho", "2024", 200)
    put(g1, "ho_ngheo", "2024", 4)
    put(g2, "ho_ngheo", "2024", 5, kind="estimate")
    put(old, "ho", "2024", 50)
    put(xa, "dt_lua", "2024", 30)
    put(xa, "dt_mau", "2024", "12.5", kind="estimate")
    put(xa, "ho_so", "2024Q1", 10)
    put(xa, "ho_so", "2024Q2", 20)
    put(xa, "ho_so", "2024S2", 30)
    put(xa, "dan_lon", "2024S1", 900)
    put(xa, "dan_lon", "2024S2", 1100)
    put(xa, "dan_lon", "2024", 700, disaggregation="loai_dat=lua")
    put(xa, "ho", "2024", 310, kind="estimate")
    put(xa, "ho", "2024", 305, variant="b", comment="Số trong báo cáo tháng 11")
    put(xa, "ho", "2024", 300, kind="target", source="huyen_giao", form="at_least")
    put(xa, "ho", "2024", 290, kind="target", source="nq_hdnd", form="range", high=320)
    return {u.code: u for u in OrgUnit.objects.all()}


def figure(world, where, code, period, periods=None):
    catalog = Catalog()
    periods = [Period.parse(p) for p in (periods or [period])]
    cube = Cube([world["p"]], periods, focus=[world[where]], catalog=catalog)
    return cube.figure(world[where].pk, (catalog.by_code[code].pk, code.partition("|")[2]), Period.parse(period))


def test_an_entered_actual_is_direct_with_its_row(world):
    found = figure(world, "g1", "ho", "2024")
    assert (found.value, found.how, found.kind) == (100, "direct", "actual")
    assert found.provenance == ("row", world["g1"].pk, "actual", "2024")


def test_an_estimate_is_the_figure_when_there_is_no_actual_and_variants_are_left_out(world):
    found = figure(world, "xa", "ho", "2024")
    assert (found.value, found.how, found.kind) == (310, "direct", "estimate")


def test_a_rollup_sums_the_units_below_and_says_how_many(world):
    found = Cube([world["p"]], [Period.parse("2024")], catalog=Catalog()).rollup(
        world["xa"].pk, (Indicator.objects.get(code="ho").pk, ""), Period.parse("2024")
    )
    assert (found.value, found.how, found.parts) == (300, "rollup", 2)
    assert found.note == "tổng hợp từ 2/2 đơn vị trực thuộc"
    assert found.provenance == ("children", world["xa"].pk, 2, 2)
    poor = figure(world, "xa", "ho_ngheo", "2024")
    assert (poor.value, poor.how, poor.estimate) == (9, "rollup", True)  # one child's figure is an estimate


def test_a_formula_is_computed_from_the_parts_and_names_them(world):
    found = figure(world, "xa", "dt_gieo_trong", "2024")
    assert (found.value, found.how, found.estimate) == (D("42.5"), "formula", True)
    assert found.provenance == ("indicators", "dt_lua", "dt_mau")
    rate = figure(world, "xa", "ty_le_ngheo", "2024")
    assert rate.how == "formula" and rate.value == D(9) / D(310) * 100  # the unit's own households win
    assert rate.note == "tính từ Ho ngheo / Ho"


def test_what_cannot_be_computed_says_why_in_the_active_language(world):
    found = figure(world, "g1", "dt_gieo_trong", "2024")
    assert found.value is None and found.not_computable
    assert found.note == "không tính được: thiếu Dt lua"
    with translation.override("en"):
        assert figure(world, "g1", "dt_gieo_trong", "2024").note == "not computable: Dt lua missing"
        nothing = figure(world, "g1", "ho_so", "2024")
        assert nothing.note == "no data for «Ho so»" and not nothing.not_computable


def test_flows_add_up_shorter_periods_and_stocks_take_the_last(world):
    found = figure(world, "xa", "ho_so", "2024")
    assert (found.value, found.how, found.parts) == (60, "period", 2)  # the first half is itself Q1 + Q2
    assert found.provenance == ("periods", "2024S1", "2024S2")
    stock = figure(world, "xa", "dan_lon", "2024")
    assert (stock.value, stock.how, stock.provenance) == (1100, "period", ("periods", "2024S2"))


def test_a_merged_unit_takes_last_year_from_its_predecessors_and_their_shares(world):
    catalog = Catalog()
    cube = Cube([world["p"]], [Period.parse("2025"), Period.parse("2024")], focus=[world["new"]], catalog=catalog)
    found = cube.figure_or_predecessors(world["new"].pk, (catalog.by_code["ho"].pk, ""), Period.parse("2024"))
    assert (found.value, found.how, found.estimate) == (D(50) + D(310) * D("0.5"), "lineage", True)
    assert found.provenance == ("predecessors", (world["old"].pk, D(1)), (world["xa"].pk, D("0.5")))
    assert found.note == "cộng từ đơn vị tiền thân: OLD, XA × 0.5"
    none = cube.figure_or_predecessors(world["g1"].pk, (catalog.by_code["ho"].pk, ""), Period.parse("2025"))
    assert none.value is None and none.note == "không tính được: không có số liệu năm 2025"


def test_statements_keep_targets_by_source_ranges_and_variants(world):
    found = stored.load(unit_ids=[world["xa"].pk], periods=["2024"])
    targets = sorted((s for s in found if s.kind == "target"), key=lambda s: s.source_order)
    assert [(s.source, s.target_form, s.value, s.value_high) for s in targets] == [
        ("huyen_giao", "at_least", 300, None),
        ("nq_hdnd", "range", 290, 320),
    ]
    variant = next(s for s in found if s.variant)
    assert (variant.value, variant.comment, variant.in_use) == (305, "Số trong báo cáo tháng 11", False)
    best = stored.best_in_use(found)
    assert best[(world["xa"].pk, Indicator.objects.get(code="ho").pk, "", "2024")].value == 310
    parts = stored.load(unit_ids=[world["xa"].pk], in_use=True, parts_only=True)
    assert [(s.disaggregation, s.value) for s in parts] == [("loai_dat=lua", 700)]
    assert stored.periods_with_figures(world["xa"].pk, results_only=True) >= {"2024", "2024Q1"}


def test_labels_name_options_sources_kinds_and_statements(world):
    labels = Labels()
    assert labels.disaggregation("loai_dat=lua") == "Đất trồng lúa"
    assert labels.disaggregation("loai_dat=khac") == "khac"
    variant = next(s for s in stored.load(unit_ids=[world["xa"].pk], periods=["2024"]) if s.variant)
    assert labels.statement(variant) == "thực hiện, phương án b"
    target = next(s for s in stored.load(unit_ids=[world["xa"].pk], kinds=["target"]) if s.source == "nq_hdnd")
    assert labels.statement(target) == "chỉ tiêu NQ HĐND"


def test_the_page_shows_the_resolved_total_of_a_parent_indicator(world, client):
    User.objects.create_superuser("admin", "", "pw-123456")
    client.login(username="admin", password="pw-123456")
    page = client.get("/?unit=xa&period=2024").content.decode()
    assert "Dt gieo trong" in page and "42,5" in page  # dt_lua 30 + dt_mau 12,5: made, not entered
    assert "tính theo công thức dt_lua + dt_mau" in page
    assert "ước" in page and "310" in page  # the estimate in use, not the variant
    assert "Số trong báo cáo tháng 11" in page and "phương án b" in page
    assert "290–320" in page  # the range target
