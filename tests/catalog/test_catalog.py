import pytest

from ktxh.catalog import formulas
from ktxh.catalog.loader import load_catalog
from ktxh.catalog.models import Indicator, Measure, Sector
from ktxh.datafiles import LoadError

pytestmark = pytest.mark.django_db


def test_catalog_loads_with_tree_order_ratios_and_dimensions(files):
    summary = load_catalog(files.catalog)
    assert summary.indicators == 5
    assert [s.code for s in Sector.objects.all()] == ["KT", "KT.NN", "VX"]
    rate = Indicator.objects.get(code="ty_le_ho_ngheo")
    assert (rate.numerator.code, rate.denominator.code, rate.factor, rate.direction) == (
        "ho_ngheo",
        "tong_so_ho",
        100,
        "lower",
    )
    assert [d.code for d in Indicator.objects.get(code="dat_nong_nghiep").dimensions.all()] == ["loai_dat"]


def test_reloading_is_idempotent_and_updates_in_place(files):
    load_catalog(files.catalog)
    ids = dict(Indicator.objects.values_list("code", "id"))
    files.tables["indicators"][1]["name"] = "Tổng đàn lợn"
    files.write()
    load_catalog(files.catalog)
    assert dict(Indicator.objects.values_list("code", "id")) == ids
    assert Indicator.objects.get(code="dan_lon").name == "Tổng đàn lợn"


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda t: t["indicators"][0].update(unit="mẫu"), "indicators/main.csv, dòng 2, cột «unit»"),
        (lambda t: t["indicators"].append(dict(t["indicators"][0])), "dòng 7, cột «code»"),
        (lambda t: t["indicators"][1].update(sector="XX"), "dòng 3, cột «sector»"),
        (lambda t: t["indicators"][1].update(aggregation="average"), "dòng 3, cột «aggregation»"),
        (lambda t: t["indicators"][2].update(formula="ty_le_ho_ngheo * 2"), "vòng lặp phụ thuộc"),
        (lambda t: t["indicators"][2].update(formula="__import__('os')"), "dòng 4, cột «formula»"),
        (lambda t: t["indicators"][4].update(denominator=""), "dòng 6, cột «aggregation»"),
        (lambda t: t["indicators"][0].update(disaggregations="loai_cay"), "dòng 2, cột «disaggregations»"),
        (lambda t: t["sectors"][0].update(parent="KT.NN"), "vòng lặp trong cây lĩnh vực"),
        (lambda t: t["measures"].append(dict(t["measures"][0])), "measures.csv, dòng 6, cột «symbol»"),
        (lambda t: t["measures"][0].update(factor="1,5"), "measures.csv, dòng 2, cột «factor»"),
    ],
)
def test_bad_catalog_is_refused_whole(files, change, where):
    change(files.tables)
    files.write()
    with pytest.raises(LoadError) as error:
        load_catalog(files.catalog)
    assert where in str(error.value)
    assert Indicator.objects.count() == 0 and Measure.objects.count() == 0


def test_unknown_column_and_missing_column_are_reported(files):
    path = files.catalog / "measures.csv"
    path.write_text("symbol,name,dimenson,factor\nha,héc-ta,area,10000\n", encoding="utf-8")
    with pytest.raises(LoadError) as error:
        load_catalog(files.catalog)
    message = str(error.value)
    assert "measures.csv" in message and "dimenson" in message and "thiếu cột dimension" in message


def test_formulas_are_safe_and_exact():
    from decimal import Decimal

    assert formulas.references("ho_ngheo / tong_so_ho * 100") == ["ho_ngheo", "tong_so_ho"]
    assert formulas.evaluate("a / b * 100", {"a": Decimal(84), "b": Decimal(5283)}).quantize(
        Decimal("0.01")
    ) == Decimal("1.59")
    for bad in ["a.b", "f(a)", "a ** 2", "[a]", "a if b else c", "'x'"]:
        with pytest.raises(formulas.FormulaError):
            formulas.parse(bad)
    with pytest.raises(formulas.FormulaError, match="chia cho 0"):
        formulas.evaluate("a / b", {"a": Decimal(1), "b": Decimal(0)})
    with pytest.raises(formulas.FormulaError, match="thiếu số liệu «b»"):
        formulas.evaluate("a / b", {"a": Decimal(1)})


def test_rates_never_add_up_over_time(files):
    files.tables["indicators"][4]["period_aggregation"] = "sum"
    files.write()
    with pytest.raises(LoadError, match="period_aggregation"):
        load_catalog(files.catalog)
    files.tables["indicators"][4]["period_aggregation"] = ""
    files.write()
    load_catalog(files.catalog)
    assert Indicator.objects.get(code="ty_le_ho_ngheo").period_aggregation == "none"


def test_dropping_a_disaggregation_still_used_by_figures_is_refused(loaded):
    from ktxh.values.models import DataValue

    before = list(Indicator.objects.get(code="dat_nong_nghiep").dimensions.values_list("code", flat=True))
    loaded.tables["indicators"][0]["disaggregations"] = ""
    loaded.write()
    with pytest.raises(LoadError) as error:
        load_catalog(loaded.catalog)
    message = str(error.value)
    assert "indicators/main.csv, dòng 2, cột «disaggregations»" in message and "«loai_dat»" in message
    assert "1 số liệu" in message
    assert list(Indicator.objects.get(code="dat_nong_nghiep").dimensions.values_list("code", flat=True)) == before
    DataValue.objects.exclude(disaggregation="").delete()
    load_catalog(loaded.catalog)  # no figure split by it any more: the dimension may go
    assert not Indicator.objects.get(code="dat_nong_nghiep").dimensions.exists()


def test_many_to_many_changes_are_in_the_history(loaded):
    from ktxh.catalog.models import Dimension
    from ktxh.history.models import ChangeRecord
    from ktxh.history.recorder import history_of

    indicator = Indicator.objects.get(code="dan_lon")
    dimension = Dimension.objects.get(code="loai_dat")
    loaded.tables["indicators"][1]["disaggregations"] = "loai_dat"
    loaded.write()
    load_catalog(loaded.catalog)
    [record] = history_of(indicator).filter(after__has_key="dimensions")
    assert (record.action, record.before, record.after) == (
        ChangeRecord.Action.UPDATE,
        {"dimensions": []},
        {"dimensions": [dimension.pk]},
    )
    dimension.indicators.remove(indicator)  # from the other side, as a script could
    latest = history_of(indicator).filter(after__has_key="dimensions").first()
    assert (latest.before, latest.after) == ({"dimensions": [dimension.pk]}, {"dimensions": []})
    count = ChangeRecord.objects.count()
    indicator.dimensions.set([])  # no change: nothing recorded
    assert ChangeRecord.objects.count() == count


@pytest.mark.parametrize(
    "formula", [" + ".join(["ho_ngheo"] * 5000), "(" * 3000 + "ho_ngheo" + ")" * 3000, " + ".join(["ho_ngheo"] * 101)]
)
def test_a_huge_formula_is_refused_with_its_line_not_a_recursion_error(files, formula):
    files.tables["indicators"][2]["formula"] = formula
    files.write()
    with pytest.raises(LoadError) as error:
        load_catalog(files.catalog)
    assert "dòng 4, cột «formula»: Công thức quá dài" in str(error.value)
    assert formulas.evaluate(" + ".join(["a"] * 100), {"a": 1}) == 100  # the bound leaves room for real formulas
