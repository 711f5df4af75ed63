"""Which figures the charts show, for the Word report and the web page alike (one spec, two renderings)."""

from __future__ import annotations

from ktxh import charts
from ktxh.analytics.scorecard import Row, Scorecard
from ktxh.analytics.series import yearly
from ktxh.periods import PeriodType

ABOVE = ("tinh_giao", "huyen_giao", "nq_hdnd")  # targets assigned from above, judged in "key tasks"
CHART_LIMIT = 9  # small multiples per chart: more would not be readable on an A4 page
TREND_LIMIT = 6


def key_task_rows(card: Scorecard) -> list[Row]:
    """Totals with a numeric or worded target set from above (tỉnh giao, huyện giao, NQ HĐND)."""
    return [
        r
        for r in card.rows
        if r.target and r.target.source.code in ABOVE and not r.disaggregation and r.target.form != "qualitative"
    ]


def targets_chart(card: Scorecard) -> dict | None:
    comparisons = [
        charts.Comparison(
            f"{r.indicator.name} ({r.indicator.unit.symbol})",
            r.target.value,
            r.actual.value,
            str(r.judgement.status) if r.judgement and r.judgement.status else "",
        )
        for r in key_task_rows(card)
        if r.actual.value is not None and r.target.value is not None
    ]
    if not comparisons:
        return None
    return charts.targets_vs_results(comparisons[:CHART_LIMIT])  # the report's caption is its title


def trend_chart(card: Scorecard) -> dict | None:
    """Indicators with last year's value, over the last five years (annual periods only, three years at least)."""
    if card.period.type is not PeriodType.YEAR:
        return None
    keys = list(
        dict.fromkeys(
            (r.indicator.pk, r.disaggregation) for r in card.rows if r.change.previous is not None and not r.target
        )
    )[:TREND_LIMIT]
    if not keys:
        return None
    data = yearly(card.unit, keys, card.period.year)
    series, seen = [], set()
    for row in card.rows:
        key = (row.indicator.pk, row.disaggregation)
        if key in data and len(data[key]) >= 3 and key not in seen:
            seen.add(key)
            label = row.indicator.name + (f" — {row.disaggregation_label}" if row.disaggregation else "")
            series.append(charts.Series(label, row.indicator.unit.symbol, [(str(p.year), v) for p, v in data[key]]))
    return charts.trend(series) if series else None  # a trend needs three points; the caption is its title
