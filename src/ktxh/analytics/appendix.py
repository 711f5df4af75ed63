"""The appendix table of the report ("Kết quả thực hiện các chỉ tiêu chủ yếu"), as data: which indicators it lists,
the target sources that get a column, and per indicator its targets by source, the result and the target it is
judged against. The Word appendix (:mod:`ktxh.reports.builder`) and the Excel one (:mod:`ktxh.exchange.xlsx_outputs`)
both lay out this one table, so they always list the same indicators with the same judgement.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ktxh.analytics.scorecard import Row, Scorecard

#: The column titles after the targets (the Word and Excel tables print the same ones).
HEAD = ["TT", "Chỉ tiêu", "ĐVT"]
TAIL = ["Thực hiện / Ước TH", "% kế hoạch", "Cùng kỳ", "% so cùng kỳ", "Đánh giá"]


@dataclass(frozen=True)
class Line:
    first: Row  # the indicator's row (its result, last year, unit)
    by_source: dict[int, Row]  # target source id → the row judged against that source's target
    judged: Row | None  # the row of the first source (in the sources' order) whose target gave a status


@dataclass(frozen=True)
class Table:
    sources: list  # the TargetSource objects that get a column, in their order
    lines: list[Line]

    @property
    def header(self) -> list[str]:
        return [*HEAD, *(s.name for s in self.sources), *TAIL]


def rows(card: Scorecard) -> list[Row]:
    """The rows the appendix lists: totals with a result and either a target or last year's figure."""
    return [
        r
        for r in card.rows
        if not r.disaggregation
        and r.actual.value is not None
        and (r.target is not None or r.change.previous is not None)
    ]


def table(card: Scorecard) -> Table:
    listed = rows(card)
    sources = []
    for row in listed:
        if row.target and row.target.source not in sources:
            sources.append(row.target.source)
    sources.sort(key=lambda s: s.order)
    grouped: dict[tuple, list[Row]] = defaultdict(list)
    for row in listed:
        grouped[(row.indicator.pk, row.disaggregation)].append(row)
    lines = []
    for group in grouped.values():
        by_source = {r.target.source.pk: r for r in group if r.target}
        judged = next(
            (
                by_source[s.pk]
                for s in sources
                if s.pk in by_source and by_source[s.pk].judgement and by_source[s.pk].judgement.status
            ),
            None,
        )
        lines.append(Line(group[0], by_source, judged))
    return Table(sources, lines)
