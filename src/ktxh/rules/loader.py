"""Load validation rules from ``rules/*.csv`` (docs/rules.md).

Every row is checked before anything is written: an unknown indicator, dimension, option or target source, an
expression that does not parse, an unknown placeholder in a message, a sum of figures in different units — the whole
rule set is refused with file, line and column. Rules only check figures, they never define one, so rules cannot
form a cycle. Loading is an upsert by code; a rule no longer in the files is deactivated and its open findings are
resolved (nothing is deleted).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from ktxh.catalog import formulas
from ktxh.catalog.models import DimensionOption, Indicator, TargetSource
from ktxh.checks import plausible
from ktxh.datafiles import Problems, Row, check_code, check_lengths, read_table
from ktxh.history.models import ChangeRecord
from ktxh.history.recorder import record_links, record_many, snapshot
from ktxh.rules import expressions as ex
from ktxh.rules.models import COMPARISONS, Finding, FindingStatus, Operator, Rule, Severity

RULE_COLUMNS = [
    "code",
    "name",
    "severity",
    "when",
    "left",
    "operator",
    "right",
    "tolerance",
    "min_points",
    "message",
    "description",
]
REQUIRED = ["code", "name", "severity", "left", "operator"]

OPERATOR_ALIASES = {
    "=": Operator.EQUAL,
    "==": Operator.EQUAL,
    "≈": Operator.APPROX,
    "~": Operator.APPROX,
    "~=": Operator.APPROX,
    "<=": Operator.LESS_EQUAL,
    "≤": Operator.LESS_EQUAL,
    ">=": Operator.GREATER_EQUAL,
    "≥": Operator.GREATER_EQUAL,
    "<": Operator.LESS,
    ">": Operator.GREATER,
    "between": Operator.BETWEEN,
    "required": Operator.REQUIRED,
    "variants": Operator.VARIANTS,
    "outlier_history": Operator.OUTLIER_HISTORY,
    "outlier_siblings": Operator.OUTLIER_SIBLINGS,
}
PLACEHOLDERS = ex.PLACEHOLDERS
DEFAULT_MIN_POINTS = {Operator.OUTLIER_HISTORY: 4, Operator.OUTLIER_SIBLINGS: 5}


@dataclass
class RulesSummary:
    rules: int = 0
    created: int = 0
    updated: int = 0
    deactivated: int = 0

    def __str__(self) -> str:
        return _("%(rules)d validation rules (%(created)d new, %(updated)d changed, %(deactivated)d deactivated)") % {
            "rules": self.rules,
            "created": self.created,
            "updated": self.updated,
            "deactivated": self.deactivated,
        }


@dataclass
class CheckedRule:
    row: Row
    fields: dict
    indicator_ids: set[int]
    applies_to_all: bool


class _Catalog:
    def __init__(self):
        self.indicators = {
            i.code: i
            for i in Indicator.objects.select_related("unit").prefetch_related(
                Prefetch("dimensions__options", queryset=DimensionOption.objects.all())
            )
        }
        self.sources = set(TargetSource.objects.values_list("code", flat=True))
        self.dimensions = {
            i.code: {d.code: {o.code for o in d.options.all()} for d in i.dimensions.all()}
            for i in self.indicators.values()
        }


def load_rules(path: Path, display_root: Path | None = None) -> RulesSummary:
    problems = Problems()
    rows = read_table(Path(path), RULE_COLUMNS, REQUIRED, problems, display_root)
    check_lengths(rows, problems, Rule, ["code", "name", "when", "left", "right", "tolerance"])
    problems.raise_if_any()
    catalog = _Catalog()
    checked: list[CheckedRule] = []
    seen: dict[str, Row] = {}
    for order, row in enumerate(rows, start=1):
        code = check_code(row, "code", problems)
        if code in seen:
            problems.add(
                row,
                "code",
                _("rule «%(code)s» is already defined at %(file)s, line %(line)s.")
                % {"code": code, "file": seen[code].file, "line": seen[code].line},
            )
            continue
        seen[code] = row
        result = _check_row(row, catalog, problems)
        if result is not None:
            result.fields["order"] = order
            checked.append(result)
    problems.raise_if_any()
    with transaction.atomic():
        return _write(checked)


def check_rule(data: dict[str, str]) -> tuple[CheckedRule | None, Problems]:
    """Check one rule given as the cells of a row (the admin's form): the same checks as a file, against the stored
    catalog. Returns the checked rule (None when refused) and the problems, each naming its column."""
    problems = Problems()
    row = Row("", 0, {column: (data.get(column) or "").strip() for column in RULE_COLUMNS})
    return _check_row(row, _Catalog(), problems), problems


def _check_row(row: Row, catalog: _Catalog, problems: Problems) -> CheckedRule | None:
    before = len(problems.items)
    if not row["name"]:
        problems.add(row, "name", _("the rule needs a name."))
    if row["severity"] not in Severity.values:
        problems.add(
            row,
            "severity",
            _("«%(text)s» is not valid; choose one of: %(choices)s.")
            % {"text": row["severity"], "choices": ", ".join(Severity.values)},
        )
    operator = OPERATOR_ALIASES.get(row["operator"].strip().lower())
    if operator is None:
        problems.add(
            row,
            "operator",
            _("«%(text)s» is not an operator; choose one of: %(choices)s.")
            % {"text": row["operator"], "choices": ", ".join(OPERATOR_ALIASES)},
        )
        return None
    ids: set[int] = set()
    applies_to_all = False

    def expression(column: str, text: str) -> ex.Expression | None:
        try:
            parsed = ex.parse_expression(text)
        except ex.ExpressionError as error:
            problems.add(row, column, str(error))
            return None
        for reference in parsed.references:
            _check_reference(row, column, reference, catalog, problems, ids, arithmetic=True)
        return parsed

    left = right = None
    if operator in COMPARISONS:
        left = expression("left", row["left"])
        if not row["right"]:
            problems.add(row, "right", _("the operator «%(operator)s» needs a right side.") % {"operator": operator})
        else:
            right = expression("right", row["right"])
        if left and right and left.is_constant and right.is_constant:
            problems.add(row, "left", _("the rule compares two numbers: it must name at least one indicator."))
        if (
            operator == Operator.APPROX
            and not row["tolerance"]
            and left
            and right
            and not (left.single or right.single)
        ):
            problems.add(
                row,
                "tolerance",
                _(
                    "«≈» between two computed expressions needs a tolerance (the rounding "
                    "is known only for a figure as written)."
                ),
            )
        if left and right and _additive(left) and _additive(right):
            _check_units(row, left.references + right.references, catalog, problems)
    elif operator == Operator.BETWEEN:
        left = expression("left", row["left"])
        if left and not left.single:
            problems.add(row, "left", _("«between» checks one indicator: the left side must be a single reference."))
        bound = plausible.for_indicator(left.single.code) if left and left.single else None
        if bound is not None and not row["right"].strip():
            # the bounds of a plausibility check live once, in data/checks/plausible.csv
            row.data["right"] = bound.range_text
        elif bound is not None and not _same_range(row["right"], bound):
            problems.add(
                row,
                "right",
                _(
                    "«%(text)s» differs from the plausible range %(range)s of «%(code)s» in "
                    "data/checks/plausible.csv: leave the column empty to use it."
                )
                % {"text": row["right"], "range": bound.range_text, "code": left.single.code},
            )
        try:
            low, high = ex.parse_range(row["right"])
            for part in (low, high):
                for reference in part.references:
                    _check_reference(row, "right", reference, catalog, problems, ids, arithmetic=True)
        except ex.ExpressionError as error:
            problems.add(row, "right", str(error))
    elif operator == Operator.REQUIRED:
        try:
            left = ex.parse_expression(row["left"])
        except ex.ExpressionError as error:
            problems.add(row, "left", str(error))
        if left is not None:
            if not left.single:
                problems.add(row, "left", _("«required» names one figure: the left side must be a single reference."))
            for reference in left.references:
                _check_reference(row, "left", reference, catalog, problems, ids, arithmetic=False)
        if not row["when"]:
            problems.add(row, "when", _("«required» needs a condition (if A then B is required)."))
    else:  # generic checks over indicators
        codes = [c for c in row["left"].replace(";", " ").split() if c]
        if codes == ["*"]:
            applies_to_all = True
        elif not codes:
            problems.add(row, "left", _("write * (every indicator) or indicator codes separated by «;»."))
        for code in codes if not applies_to_all else []:
            indicator = catalog.indicators.get(code)
            if indicator is None:
                problems.add(row, "left", _("indicator «%(code)s» is not in the catalog.") % {"code": code})
            else:
                ids.add(indicator.pk)
        if operator in (Operator.OUTLIER_HISTORY, Operator.OUTLIER_SIBLINGS):
            if row["severity"] == Severity.ERROR:
                problems.add(row, "severity", _("an outlier is flagged for follow-up, never refused: use «warning»."))
            if row["right"] and (not ex._NUMBER.fullmatch(row["right"].strip()) or Decimal(row["right"]) <= 0):
                problems.add(
                    row,
                    "right",
                    _(
                        "the threshold «%(text)s» must be a positive number (the robust "
                        "z-score above which a value is flagged, for example 3.5)."
                    )
                    % {"text": row["right"]},
                )
    if row["when"]:
        try:
            condition = ex.parse_condition(row["when"])
            for reference in condition.references:
                _check_reference(row, "when", reference, catalog, problems, ids, arithmetic=False)
        except ex.ExpressionError as error:
            problems.add(row, "when", str(error))
    try:
        ex.parse_tolerance(row["tolerance"])
    except ex.ExpressionError as error:
        problems.add(row, "tolerance", str(error))
    min_points = None
    if row["min_points"]:
        if not row["min_points"].isdigit() or int(row["min_points"]) < 2:
            problems.add(
                row,
                "min_points",
                _("the minimum number of points must be a whole number of at least 2, not «%(text)s».")
                % {"text": row["min_points"]},
            )
        else:
            min_points = int(row["min_points"])
    _check_message(row, problems)
    if len(problems.items) > before:
        return None
    return CheckedRule(
        row,
        {
            "name": row["name"],
            "severity": row["severity"],
            "when": row["when"],
            "left": row["left"],
            "operator": str(operator),
            "right": row["right"],
            "tolerance": row["tolerance"],
            "min_points": min_points if min_points is not None else DEFAULT_MIN_POINTS.get(operator),
            "message": row["message"],
            "description": row["description"],
            "active": True,
            "applies_to_all": applies_to_all,
        },
        ids,
        applies_to_all,
    )


def _same_range(text: str, bound) -> bool:
    """Whether a written range ``low .. high`` is the bound's (numbers compared as numbers: 10 .. 60.0 is 10 .. 60)."""
    low, _sep, high = text.partition("..")
    try:
        values = [Decimal(x.strip()) if x.strip() else None for x in (low, high)]
    except ArithmeticError:
        return False
    return values == [bound.low, bound.high]


def _check_reference(
    row: Row,
    column: str,
    reference: ex.Reference,
    catalog: _Catalog,
    problems: Problems,
    ids: set[int],
    arithmetic: bool,
) -> None:
    indicator = catalog.indicators.get(reference.code)
    if indicator is None:
        problems.add(row, column, _("indicator «%(code)s» is not in the catalog.") % {"code": reference.code})
        return
    ids.add(indicator.pk)
    if arithmetic and indicator.is_qualitative:
        problems.add(
            row,
            column,
            _("indicator «%(code)s» is qualitative: it has no number to calculate with.") % {"code": reference.code},
        )
    allowed = catalog.dimensions[reference.code]
    for dimension, option in reference.dims:
        if dimension not in allowed:
            problems.add(
                row,
                column,
                _("indicator «%(code)s» is not disaggregated by «%(dimension)s» (allowed dimensions: %(known)s).")
                % {"code": reference.code, "dimension": dimension, "known": ", ".join(sorted(allowed)) or "—"},
            )
        elif option not in (ex.EACH, ex.ALL) and option not in allowed[dimension]:
            problems.add(
                row,
                column,
                _("dimension «%(dimension)s» has no option «%(option)s».") % {"dimension": dimension, "option": option},
            )
    if reference.source and reference.source not in catalog.sources:
        problems.add(
            row, column, _("target source «%(code)s» is not in target_sources.csv.") % {"code": reference.source}
        )


def _additive(expression: ex.Expression) -> bool:
    return bool(expression.references) and formulas.is_additive(expression.python)


def _check_units(row: Row, references: list[ex.Reference], catalog: _Catalog, problems: Problems) -> None:
    """Figures in convertible but different units (ha and m², tạ and tấn) must not be added or compared as they
    are; figures of different quantities (a rank and a count of units) may be compared on purpose."""
    by_dimension: dict[str, set] = {}
    for reference in references:
        indicator = catalog.indicators.get(reference.code)
        if indicator is not None:
            by_dimension.setdefault(indicator.unit.dimension, set()).add((indicator.unit.factor, indicator.unit.symbol))
    mixed = [units for units in by_dimension.values() if len({factor for factor, _s in units}) > 1]
    if mixed:
        units = {symbol for _factor, symbol in mixed[0]}
        problems.add(
            row,
            "right",
            _(
                "the rule adds or compares figures in different units (%(units)s); convert "
                "explicitly, for example «* 10000» for ha to m²."
            )
            % {"units": ", ".join(sorted(units))},
        )


def _check_message(row: Row, problems: Problems) -> None:
    if not row["message"]:
        return
    try:
        names = [name for _text, name, _spec, _conv in string.Formatter().parse(row["message"]) if name is not None]
    except ValueError as error:
        problems.add(
            row,
            "message",
            _("the message template does not parse (%(error)s); write a brace as {{ or }}.") % {"error": error},
        )
        return
    unknown = [n for n in names if n not in PLACEHOLDERS]
    if unknown:
        problems.add(
            row,
            "message",
            _("unknown placeholder %(unknown)s (the placeholders are: %(known)s).")
            % {
                "unknown": ", ".join("{" + n + "}" for n in unknown),
                "known": ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS)),
            },
        )


def _write(checked: list[CheckedRule]) -> RulesSummary:
    summary = RulesSummary(rules=len(checked))
    existing = {r.code: r for r in Rule.objects.prefetch_related("indicators")}
    new = [Rule(code=item.row["code"], **item.fields) for item in checked if item.row["code"] not in existing]
    if new:  # in bulk, with the change log written in bulk too: a first load stays fast
        Rule.objects.bulk_create(new, batch_size=500)
        if new[0].pk is None:
            new = list(Rule.objects.filter(code__in=[r.code for r in new]))
        record_many(ChangeRecord.Action.CREATE, [(r, None) for r in new])
        created = {r.code: r.pk for r in new}
        Rule.indicators.through.objects.bulk_create(
            [
                Rule.indicators.through(rule_id=created[item.row["code"]], indicator_id=indicator_id)
                for item in checked
                if item.row["code"] in created
                for indicator_id in sorted(item.indicator_ids)
            ],
            batch_size=1000,
        )
        ids = {item.row["code"]: sorted(item.indicator_ids) for item in checked if item.row["code"] in created}
        record_links("indicators", [(r, [], ids[r.code]) for r in new])  # the bulk insert sends no m2m_changed
        summary.created = len(new)
    for item in checked:
        code = item.row["code"]
        rule = existing.get(code)
        if rule is None:
            continue
        changed = [f for f, v in item.fields.items() if getattr(rule, f) != v]
        if changed:
            for field in changed:
                setattr(rule, field, item.fields[field])
            rule.save()
            summary.updated += 1
        if {i.pk for i in rule.indicators.all()} != item.indicator_ids:
            rule.indicators.set(item.indicator_ids)
    kept = {item.row["code"] for item in checked}
    gone = [r for r in existing.values() if r.code not in kept and r.active]
    for rule in gone:
        rule.active = False
        rule.save()
    if gone:
        now = timezone.now()
        resolved = list(Finding.objects.filter(rule__in=gone, status=FindingStatus.OPEN))
        befores = [snapshot(finding) for finding in resolved]
        for finding in resolved:
            finding.status, finding.resolved_at, finding.updated_at = FindingStatus.RESOLVED, now, now
        Finding.objects.bulk_update(resolved, ["status", "resolved_at", "updated_at"], batch_size=500)
        record_many(ChangeRecord.Action.UPDATE, zip(resolved, befores))
    summary.deactivated = len(gone)
    return summary
