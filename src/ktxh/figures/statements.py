"""The stored statements: each row of figures as it was written — every kind (actual, estimate, target), target
source and form, variant, range (``value``–``value_high``), qualitative text and comment — read in one query.

This is the only place outside :mod:`ktxh.values` that reads the table of figures; everything else asks here (for
what was written) or :class:`~ktxh.figures.cube.Cube` (for what the figure is). A statement names its target source
by code: :class:`~ktxh.figures.labels.Labels` has the sources themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ktxh.catalog.models import TargetSource
from ktxh.periods import Period
from ktxh.values.models import DataValue

IN_USE_KINDS = ("actual", "estimate")
# Inside one (unit, indicator, disaggregation, period): the figure in use first (no variant), then actual,
# estimate, target, targets by their source's order.
KIND_ORDER = {"actual": 0, "estimate": 1, "target": 2}


@dataclass(frozen=True)
class Statement:
    unit_id: int
    indicator_id: int
    disaggregation: str
    period: str
    kind: str
    source: str  # target source code; "" for actuals and estimates
    source_order: int
    variant: str  # "" for the figure in use; another mark for a conflicting figure kept from the document
    value: Decimal | None
    value_high: Decimal | None  # the upper bound of a range target
    text: str
    target_form: str = ""
    comment: str = ""

    @property
    def in_use(self) -> bool:
        """An actual or an estimate that is not a variant: what the figure is, when entered."""
        return not self.variant and self.kind in IN_USE_KINDS

    @property
    def order(self) -> tuple:
        return self.variant != "", KIND_ORDER.get(self.kind, 9), self.source_order, self.variant


def load(
    *,
    unit_ids: Iterable[int],
    periods: Iterable[str] | None = None,
    indicator_ids: Iterable[int] | None = None,
    overlapping: Period | None = None,
    kinds: Iterable[str] | None = None,
    in_use: bool = False,
    numbers_only: bool = False,
    parts_only: bool = False,
    except_period: str = "",
    ordered: bool = False,
    sources: Mapping[int, tuple[str, int]] | None = None,
) -> list[Statement]:
    """The statements of ``unit_ids``; ``ordered``: in the table's order (unit, indicator, period, kind,
    disaggregation), which joins the units and the indicators — leave it off unless the order matters, it costs
    more than the rest of a province's targets query on PostgreSQL.

    ``periods``: only these period codes; ``indicator_ids``: only these indicators; ``overlapping``: only periods that overlap this one; ``kinds``: only these
    kinds; ``in_use``: actuals and estimates without a variant; ``numbers_only``: with a value; ``parts_only``:
    disaggregated ones; ``except_period``: not this period code. Rows are read as tuples (no model instances): a
    province's figures are many. ``sources``: the target sources by id, (code, order) — the caller's
    :attr:`ktxh.figures.labels.Labels.source_keys` when it holds them (one evaluation loads several times); read
    when not given."""
    rows = DataValue.objects.filter(org_unit_id__in=list(unit_ids))
    if not ordered:
        rows = rows.order_by()
    if periods is not None:
        rows = rows.filter(period__in=list(periods))
    if indicator_ids is not None:
        rows = rows.filter(indicator_id__in=list(indicator_ids))
    if overlapping is not None:
        rows = rows.filter(period_start__lte=overlapping.end, period_end__gte=overlapping.start)
    if in_use:
        rows = rows.filter(kind__in=IN_USE_KINDS, variant="")
    if kinds is not None:
        rows = rows.filter(kind__in=list(kinds))
    if numbers_only:
        rows = rows.filter(value__isnull=False)
    if parts_only:
        rows = rows.exclude(disaggregation="")
    if except_period:
        rows = rows.exclude(period=except_period)
    if sources is None:
        sources = {s.pk: (s.code, s.order) for s in TargetSource.objects.all()}
    found = []
    for (
        unit_id,
        indicator_id,
        disaggregation,
        period,
        kind,
        source_id,
        form,
        variant,
        value,
        high,
        text,
        comment,
    ) in rows.values_list(
        "org_unit_id",
        "indicator_id",
        "disaggregation",
        "period",
        "kind",
        "target_source_id",
        "target_form",
        "variant",
        "value",
        "value_high",
        "text",
        "comment",
    ):  # read at once: kept whole anyway, and a server-side cursor costs round trips
        code, order = sources.get(source_id, ("", 0))
        found.append(
            Statement(
                unit_id,
                indicator_id,
                disaggregation,
                period,
                kind,
                code,
                order,
                variant,
                value,
                high,
                text,
                form,
                comment,
            )
        )
    return found


def best_in_use(statements: Iterable[Statement]) -> dict[tuple[int, int, str, str], Statement]:
    """Per (unit, indicator, disaggregation, period), the figure in use: the actual where there is one, else the
    estimate (variants and targets left out)."""
    found: dict[tuple[int, int, str, str], Statement] = {}
    for statement in statements:
        if not statement.in_use:
            continue
        key = (statement.unit_id, statement.indicator_id, statement.disaggregation, statement.period)
        if key not in found or statement.kind == "actual":
            found[key] = statement
    return found


def units_with_figures(unit_ids: Iterable[int]) -> set[int]:
    """Which of these units have any stored figure (to open a page on one that has)."""
    return set(
        DataValue.objects.filter(org_unit_id__in=list(unit_ids)).values_list("org_unit_id", flat=True).distinct()
    )


def periods_with_figures(unit_id: int, results_only: bool = False) -> set[str]:
    """The period codes for which the unit has stored figures (``results_only``: actuals or estimates)."""
    rows = DataValue.objects.filter(org_unit_id=unit_id)
    if results_only:
        rows = rows.exclude(kind="target")
    return set(rows.values_list("period", flat=True).distinct())
