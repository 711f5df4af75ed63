"""Validation rules: parsing and refusal, each operator, tolerance, parts of a whole, conditions, outliers, findings
kept up to date on every save, and the command."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal

import pytest

from ktxh.catalog.models import Indicator
from ktxh.checks import rounding
from ktxh.datafiles import LoadError
from ktxh.datasets import load_dataset
from ktxh.periods import Period
from ktxh.rules import expressions as ex
from ktxh.rules.engine import deferred_rules, evaluate, findings_for, validate
from ktxh.rules.loader import RULE_COLUMNS, load_rules
from ktxh.rules.models import Finding, Rule
from ktxh.rules.outliers import robust_z
from ktxh.units.models import OrgUnit
from ktxh.values.models import DataValue
from tests.conftest import write_csv

pytestmark = pytest.mark.django_db


def rule(code, left, operator, right="", severity="error", **extra):
    return {
        "code": code,
        "name": code.replace("_", " "),
        "severity": severity,
        "left": left,
        "operator": operator,
        "right": right,
        **extra,
    }


def write_rules(files, rows, name="main.csv"):
    return write_csv(files.root / "rules" / name, RULE_COLUMNS, rows)


def load(files, rows):
    write_rules(files, rows)
    load_dataset(files.dataset, catalog=files.catalog)


def figure(code="dat_nong_nghiep", value="1", unit="xa", period="2023", **fields):
    values = dict(
        indicator=Indicator.objects.get(code=code),
        org_unit=OrgUnit.objects.get(code=unit),
        period=period,
        kind="actual",
        value=Decimal(value),
    )
    values.update(fields)
    v = DataValue(**values)
    v.save()
    return v


def open_findings(code=None, unit="xa", period="2023"):
    found = Finding.objects.filter(status="open", org_unit__code=unit, period=period)
    if code:
        found = found.filter(rule__code=code)
    return list(found.order_by("key"))


# -- expressions ------------------------------------------------------------------------------------------------


def test_expression_references_dimensions_kinds_and_arithmetic():
    parsed = ex.parse_expression("a[d=x] + b[d=*] - c[d] × 2 / e@target:huyen_giao")
    assert [r.code for r in parsed.references] == ["a", "b", "c", "e"]
    assert parsed.references[0].fixed == {"d": "x"}
    assert parsed.references[1].summed == ["d"] and parsed.references[2].each == ["d"]
    assert (parsed.references[3].kind, parsed.references[3].source) == ("target", "huyen_giao")
    assert parsed.evaluate([Decimal(1), Decimal(2), Decimal(3), Decimal(4)]) == Decimal("1.5")
    assert parsed.evaluate([Decimal(1), None, Decimal(3), Decimal(4)]) is None
    assert ex.parse_expression("a / b").evaluate([Decimal(1), Decimal(0)]) is None  # not computable, no crash


@pytest.mark.parametrize(
    "text", ["a +", "a $ b", "a[]", "a[d=]", "a@plan", "a@actual:huyen_giao", "a[d;d]", "__import__('os')", "a.b", ""]
)
def test_expression_errors(text):
    with pytest.raises(ex.ExpressionError):
        ex.parse_expression(text)


def test_conditions_ranges_tolerances():
    condition = ex.parse_condition("a[d=*] >= 2")
    assert condition.operator == "≥" and condition.holds(Decimal(2), Decimal(2))
    assert not condition.holds(None, Decimal(2))
    assert ex.parse_condition("a").holds(Decimal(0), None)
    low, high = ex.parse_range("10 .. 60")
    assert (low.evaluate([]), high.evaluate([])) == (10, 60)
    assert ex.parse_tolerance("0.05") == (Decimal("0.05"), False)
    assert ex.parse_tolerance("1%") == (Decimal("0.01"), True)
    # the rounding of a stored figure is the checking core's (ktxh.checks.rounding)
    assert rounding.half_unit(rounding.decimals_of(Decimal("90.400000"))) == Decimal("0.05")
    assert rounding.half_unit(rounding.decimals_of(Decimal("2097"))) == Decimal("0.5")
    with pytest.raises(ex.ExpressionError):
        ex.parse_tolerance("-1")


# -- loading and refusing ---------------------------------------------------------------------------------------


def test_rules_load_with_the_catalog_and_again_without_change(files):
    load(files, [rule("parts", "dat_nong_nghiep", "=", "dat_nong_nghiep[loai_dat=*]")])
    saved = Rule.objects.get(code="parts")
    assert saved.operator == "=" and {i.code for i in saved.indicators.all()} == {"dat_nong_nghiep"}
    summary = load_rules(files.root / "rules")
    assert (summary.created, summary.updated, summary.deactivated) == (0, 0, 0)


@pytest.mark.parametrize(
    "row, column, reason",
    [
        (rule("r", "khong_co", "=", "dan_lon"), "left", "khong_co"),
        (rule("r", "dan_lon", "=", "dan_lon +"), "right", "dan_lon +"),
        (rule("r", "dat_nong_nghiep[loai_rung=*]", "=", "dat_nong_nghiep"), "left", "loai_rung"),
        (rule("r", "dat_nong_nghiep[loai_dat=rung]", "<=", "dat_nong_nghiep"), "left", "rung"),
        (rule("r", "dan_lon", "is", "1"), "operator", "is"),
        (rule("r", "dan_lon", "=", "1", severity="fatal"), "severity", "fatal"),
        (rule("r", "dan_lon", "=", "1", message="{left} {khong_co}"), "message", "{khong_co}"),
        (rule("r", "dan_lon", "required"), "when", "required"),
        (rule("r", "dan_lon + tong_so_ho", "between", "1 .. 2"), "left", "between"),
        (rule("r", "dan_lon", "between", "1 - 2"), "right", "10 .. 60"),
        (rule("r", "*", "outlier_history", severity="error"), "severity", "warning"),
        (rule("r", "dan_lon", "=", "dan_lon@target:tinh_giao"), "right", "tinh_giao"),
        (rule("r", "1", "=", "2"), "left", ""),
        (rule("r", "dan_lon / 2", "≈", "tong_so_ho / 3"), "tolerance", "≈"),
    ],
)
def test_bad_rules_are_refused_with_file_line_and_column(files, db, row, column, reason):
    write_rules(files, [rule("good", "ho_ngheo", "<=", "tong_so_ho"), row])
    with pytest.raises(LoadError) as caught:
        load_dataset(files.dataset, catalog=files.catalog)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.column) == ("rules/main.csv", 3, column)
    assert reason in problem.message
    assert not Rule.objects.exists()  # all or nothing


def test_adding_figures_of_convertible_units_is_refused(files):
    files.tables["measures"].append({"symbol": "m²", "name": "mét vuông", "dimension": "area", "factor": "1"})
    files.tables["indicators"].append(dict(files.tables["indicators"][0], code="dat_m2", unit="m²", disaggregations=""))
    files.write()
    write_rules(files, [rule("mixed", "dat_nong_nghiep", "=", "dat_m2")])
    with pytest.raises(LoadError, match="ha, m²"):
        load_dataset(files.dataset, catalog=files.catalog)
    write_rules(files, [rule("converted", "dat_nong_nghiep * 10000", "=", "dat_m2")])  # not a plain sum: allowed
    load_dataset(files.dataset, catalog=files.catalog)


def test_duplicate_codes_are_refused(loaded):
    files = loaded
    write_rules(files, [rule("same", "dan_lon", ">=", "0"), rule("same", "dan_lon", "<=", "10")])
    with pytest.raises(LoadError) as caught:
        load_rules(files.root / "rules")
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (3, "code") and "same" in problem.message and "2" in problem.message


def test_a_rule_removed_from_the_files_is_deactivated_and_its_findings_resolved(files):
    load(files, [rule("parts", "dat_nong_nghiep", "=", "dat_nong_nghiep[loai_dat=*]")])
    assert open_findings("parts")
    write_rules(files, [rule("other", "ho_ngheo", "<=", "tong_so_ho")])
    summary = load_rules(files.root / "rules")
    assert summary.deactivated == 1 and not Rule.objects.get(code="parts").active
    assert not open_findings("parts") and Finding.objects.get(rule__code="parts").status == "resolved"
    from ktxh.history.models import ChangeRecord

    record = ChangeRecord.objects.filter(object_type="rules.finding").latest("id")
    assert (record.before["status"], record.after["status"]) == ("open", "resolved")


# -- operators --------------------------------------------------------------------------------------------------


def test_parts_must_sum_to_the_whole_exactly(files):
    # the fixture: total 639.93, one part 392.46
    load(
        files,
        [
            rule(
                "parts",
                "dat_nong_nghiep",
                "=",
                "dat_nong_nghiep[loai_dat=*]",
                message="NN {left} ha, các loại {right} ha, chênh {difference} ha",
            )
        ],
    )
    [finding] = open_findings("parts")
    assert finding.message == "NN 639,93 ha, các loại 392,46 ha, chênh 247,47 ha"
    assert finding.severity == "error" and finding.values["left"] == "639.93" and finding.values["right"] == "392.46"
    assert finding.indicator.code == "dat_nong_nghiep"
    figure(value="247.48", disaggregation="loai_dat=thuy_san")  # one unit in the last place short: still wrong
    [finding] = open_findings("parts")
    assert "0,01" in finding.message
    DataValue.objects.filter(disaggregation="loai_dat=thuy_san").update(value=Decimal("247.47"))
    validate(OrgUnit.objects.get(code="xa"), Period.parse("2023"))
    assert not open_findings("parts")


def test_approx_allows_rounding_and_truncation_but_no_more(files):
    load(files, [rule("rate", "ty_le_ho_ngheo", "≈", "ho_ngheo / tong_so_ho * 100")])
    figure("tong_so_ho", "640")
    DataValue.objects.filter(indicator__code="ho_ngheo").delete()
    for stated, holds in [
        ("101.25", True),
        ("101.2", True),
        ("101.3", True),
        ("101.1", False),
        ("101.4", False),
        ("95.6", False),
    ]:
        DataValue.objects.filter(indicator__code="ty_le_ho_ngheo", kind="actual").delete()
        DataValue.objects.filter(indicator__code="ho_ngheo").delete()
        figure("ty_le_ho_ngheo", stated)
        figure("ho_ngheo", "648")  # 648 / 640 = 101.25 %
        assert bool(open_findings("rate")) is not holds, stated


def test_explicit_tolerances_absolute_and_relative(files):
    load(
        files,
        [
            rule("abs", "dan_lon", "=", "4400", tolerance="30"),
            rule("rel", "dan_lon", "=", "4400", tolerance="0.5%"),
            rule("exact", "dan_lon", "=", "4400"),
        ],
    )
    assert [f.rule.code for f in Finding.objects.filter(status="open").order_by("rule__code")] == ["exact", "rel"]


@pytest.mark.parametrize(
    "operator, right, fires",
    [
        ("<=", "4426", False),
        ("<=", "4425", True),
        (">=", "4426", False),
        (">=", "4427", True),
        ("<", "4426", True),
        (">", "4425", False),
    ],
)
def test_inequalities(files, operator, right, fires):
    load(files, [rule("cmp", "dan_lon", operator, right)])
    assert bool(open_findings("cmp")) is fires


def test_subset_not_larger_than_its_whole_with_default_message(files):
    load(files, [rule("subset", "dat_nong_nghiep[loai_dat=lua]", "<=", "dat_nong_nghiep")])
    assert not open_findings("subset")
    figure(value="700", disaggregation="loai_dat=thuy_san")
    load(files, [rule("subset", "dat_nong_nghiep[loai_dat]", "<=", "dat_nong_nghiep")])  # for each option
    [finding] = open_findings("subset")
    assert finding.key == "loai_dat=thuy_san"
    assert "700" in finding.message and "639,93" in finding.message and "Đất thủy sản" in finding.message


def test_targets_in_expressions(files):
    load(files, [rule("under_target", "ty_le_ho_ngheo", "<=", "ty_le_ho_ngheo@target:huyen_giao")])
    assert not open_findings("under_target")
    DataValue.objects.filter(indicator__code="ty_le_ho_ngheo", kind="actual").update(value=Decimal("2.5"))
    validate(OrgUnit.objects.get(code="xa"), Period.parse("2023"))
    assert open_findings("under_target")


def test_plausible_range_checks_every_statement_including_variants_and_targets(files):
    load(
        files,
        [
            rule(
                "range",
                "dan_lon",
                "between",
                "1000 .. 6000",
                severity="warning",
                message="{value} ({statement}) ngoài {low}–{high}",
            )
        ],
    )
    assert not open_findings("range")
    figure("dan_lon", "44260", variant="b")
    [finding] = open_findings("range")
    assert finding.message.startswith("44.260 (") and "b" in finding.key and finding.severity == "warning"
    assert not open_findings("range", period="2024")  # the target 5000–5400
    target = DataValue.objects.get(indicator__code="dan_lon", period="2024", kind="target")
    target.value_high = Decimal(7000)
    target.save()
    [finding] = open_findings("range", period="2024")
    assert "7.000" in finding.message and finding.values["target_source"] == "ke_hoach"


def test_conditional_required(files):
    load(
        files,
        [
            rule(
                "needs_total",
                "tong_so_ho",
                "required",
                when="ho_ngheo > 0",
                message="Có {condition} nhưng thiếu tổng số hộ",
            )
        ],
    )
    [finding] = open_findings("needs_total")
    assert finding.message == "Có Số hộ nghèo = 84 nhưng thiếu tổng số hộ"
    figure("tong_so_ho", "5000")
    assert not open_findings("needs_total")


def test_condition_guards_a_comparison(files):
    load(files, [rule("big_herd", "dan_lon", "<=", "4000", when="tong_so_ho >= 100")])
    assert not open_findings("big_herd")  # the condition cannot be evaluated: the rule does not apply
    figure("tong_so_ho", "50")
    assert not open_findings("big_herd")
    DataValue.objects.filter(indicator__code="tong_so_ho").update(value=Decimal(500))
    validate(OrgUnit.objects.get(code="xa"), Period.parse("2023"))
    assert open_findings("big_herd")


def test_values_from_children_complete_a_rule(files):
    load(files, [rule("herd", "dan_lon@actual", ">=", "dan_lon", tolerance="0")])
    # nothing to compare with at xa itself: the roll-up of its children is used when one side is missing
    load(files, [rule("poor_rollup", "ho_ngheo", "<=", "tong_so_ho")])
    figure("tong_so_ho", "60", unit="xa.tdp-1")
    [finding] = open_findings("poor_rollup")
    assert finding.values["right"] == "60"


def test_variants_that_disagree(files):
    load(files, [rule("variants", "*", "variants", message="{name}: {value} và {other} ({statement}).{hint}")])
    figure("dat_nong_nghiep", "639.934", variant="b")  # within the rounding of 639.93
    figure("dan_lon", "4426", variant="b")
    assert not open_findings("variants")
    figure("dan_lon", "44260", variant="c")
    [finding] = open_findings("variants")
    assert finding.message.startswith("Đàn lợn: 4.426 và 44.260 (") and "10" in finding.message
    assert finding.indicator.code == "dan_lon"


# -- outliers ---------------------------------------------------------------------------------------------------


def test_robust_z():
    z, median = robust_z(Decimal(100), [Decimal(v) for v in (10, 11, 12, 13, 100)])
    assert median == 12 and z > 3
    assert robust_z(Decimal(5), [Decimal(0)] * 4) is None  # no spread at all around 0: not judged
    z, _m = robust_z(Decimal(20), [Decimal(10)] * 4)  # a constant history: a 5 % step is one deviation
    assert z == 20


def test_outlier_from_history_needs_enough_points(files):
    load(files, [rule("history", "*", "outlier_history", "3.5", severity="warning", min_points="4")])
    for year, value in [(2019, 4300), (2020, 4350), (2021, 4410), (2022, 4380)]:
        figure("dan_lon", value, period=str(year))
    assert not open_findings("history")  # 4426 is in line with its history
    report = evaluate({(OrgUnit.objects.get(code="xa").pk, "2019"): None})
    assert report.notes[("history", "too_few_points")] >= 1  # 2019 has no history: said, not judged
    DataValue.objects.filter(indicator__code="dan_lon", period="2023", kind="actual").delete()
    figure("dan_lon", "44260")
    [finding] = open_findings("history")
    assert finding.severity == "warning" and finding.values["points"] == 4 and finding.values["median"] == "4365"


def test_outlier_among_siblings(files):
    load(files, [rule("siblings", "dan_lon", "outlier_siblings", severity="warning", min_points="5")])
    xa = OrgUnit.objects.get(code="xa")
    for n, value in enumerate([300, 320, 310, 330], start=2):
        OrgUnit(code=f"xa.tdp-{n}", name=f"TDP {n}", type="residential_group", parent=xa, valid_to=xa.valid_to).save()
        figure("dan_lon", value, unit=f"xa.tdp-{n}")
    figure("dan_lon", "3150", unit="xa.tdp-1")
    assert not open_findings("siblings", unit="xa.tdp-1")  # 4 siblings: too few to judge
    OrgUnit(code="xa.tdp-6", name="TDP 6", type="residential_group", parent=xa, valid_to=xa.valid_to).save()
    figure("dan_lon", "305", unit="xa.tdp-6")
    report = evaluate({(OrgUnit.objects.get(code="xa.tdp-1").pk, "2023"): None})
    assert report.results and open_findings("siblings", unit="xa.tdp-1")
    assert not open_findings("siblings", unit="xa.tdp-6")


# -- on every save ----------------------------------------------------------------------------------------------


def test_save_opens_fix_resolves_and_breaking_again_reopens(files):
    load(files, [rule("poor", "ho_ngheo", "<=", "tong_so_ho")])
    total = figure("tong_so_ho", "50")
    [finding] = open_findings("poor")
    assert "84" in finding.message and "50" in finding.message
    total.value = Decimal(5000)
    total.save()
    assert not open_findings("poor")
    resolved = Finding.objects.get(rule__code="poor")
    assert resolved.status == "resolved" and resolved.resolved_at is not None
    total.value = Decimal(10)
    total.save()
    reopened = Finding.objects.get(rule__code="poor")  # the same finding, not a new one
    assert (reopened.pk, reopened.status, reopened.resolved_at) == (resolved.pk, "open", None)
    total.delete()
    assert Finding.objects.get(rule__code="poor").status == "resolved"
    from ktxh.history.models import ChangeRecord

    statuses = [
        (record.before["status"], record.after["status"])
        for record in ChangeRecord.objects.filter(object_type="rules.finding", object_id=resolved.pk).order_by("id")
    ]
    assert statuses == [("open", "resolved"), ("resolved", "open"), ("open", "resolved")]  # every change of status


def test_findings_for_a_field(files):
    load(files, [rule("poor", "ho_ngheo", "<=", "tong_so_ho"), rule("herd", "dan_lon", "<=", "10")])
    figure("tong_so_ho", "50")
    xa = OrgUnit.objects.get(code="xa")
    assert {f.rule.code for f in findings_for(xa, "2023")} == {"poor", "herd"}
    assert [
        f.rule.code for f in findings_for(xa, Period.parse("năm 2023"), Indicator.objects.get(code="tong_so_ho"))
    ] == ["poor"]
    assert [f.rule.code for f in findings_for(xa, "2023", Indicator.objects.get(code="dan_lon").pk)] == ["herd"]


def test_deferred_block_evaluates_once_at_the_end(files, django_assert_max_num_queries):
    load(files, [rule("poor", "ho_ngheo", "<=", "tong_so_ho")])
    with deferred_rules() as batch:
        figure("tong_so_ho", "50")
        assert not open_findings("poor")  # not yet
    assert open_findings("poor") and batch.report.opened == 1


def test_a_bulk_load_evaluates_the_rules(files):
    write_rules(files, [rule("poor", "ho_ngheo", "<=", "tong_so_ho")])
    files.tables["values"].append(
        {"org_unit": "xa", "indicator": "tong_so_ho", "period": "2023", "kind": "actual", "value": "40"}
    )
    files.write()
    load_dataset(files.dataset, catalog=files.catalog)
    assert open_findings("poor")
    files.tables["values"][-1]["value"] = "4000"
    files.write()
    load_dataset(files.dataset, catalog=files.catalog)
    assert not open_findings("poor")


# -- the command ------------------------------------------------------------------------------------------------


def run_validate(*argv):
    from ktxh.cli import run
    from ktxh.cli.commands.validate import register

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    return run(parser.parse_args(["validate", *argv]))


def test_command_exit_status_and_formats(files, capsys):
    load(files, [rule("poor", "ho_ngheo", "<=", "tong_so_ho", message="nghèo {left} > tổng {right}")])
    assert run_validate("--org-unit", "xa", "--period", "2023") == 0
    figure("tong_so_ho", "50")
    capsys.readouterr()
    assert run_validate("--org-unit", "xa", "--period", "năm 2023", "--format", "json") == 1
    [item] = json.loads(capsys.readouterr().out)
    assert (item["rule"], item["severity"], item["message"]) == ("poor", "error", "nghèo 84 > tổng 50")
    assert run_validate("--org-unit", "xa", "--period", "2023") == 1
    assert "nghèo 84 > tổng 50" in capsys.readouterr().out
    assert run_validate("--org-unit", "khong-co", "--period", "2023") == 2
    assert run_validate("--org-unit", "xa", "--period", "2023X") == 2
