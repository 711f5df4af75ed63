"""The dashboard's charts: targets against results and multi-year trends, readable on a screen and cached.

The specifications are Vega-Lite (Altair) built from the same scorecard rows as the report's charts
(:mod:`ktxh.reports.chart_specs`), made readable for the page: long indicator names and titles wrap onto several
lines instead of being cut, and counts (households, heads of livestock, people) start at zero. PNGs are rendered
offline by vl-convert and kept in a file cache keyed by a hash of the specification, so the same chart is rendered
once however often it is asked for, and a changed figure changes the specification and so the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import textwrap
from pathlib import Path

import altair as alt
from django.conf import settings

from ktxh import charts
from ktxh.analytics.scorecard import Scorecard
from ktxh.analytics.series import yearly
from ktxh.periods import PeriodType
from ktxh.reports.chart_specs import key_task_rows

TREND_LIMIT = 6
TARGET_LIMIT = 9
WRAP = 30  # characters per line of a small chart's title


def _lines(text: str, width: int = WRAP) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False) or [text]


def targets_spec(card: Scorecard) -> dict | None:
    """Each key task's target and result side by side (bars start at zero), names wrapped."""
    items = [charts.Comparison(f"{r.indicator.name} ({r.indicator.unit.symbol})", r.target.value, r.actual.value)
             for r in key_task_rows(card) if r.actual.value is not None and r.target.value is not None]
    if not items:
        return None
    title = f"Kết quả so với chỉ tiêu được giao ({card.period.label})"
    spec = charts.targets_vs_results(items[:TARGET_LIMIT], title)
    names = {item.label: _lines(item.label) for item in items[:TARGET_LIMIT]}
    header = spec.get("facet", {}).get("header", {})
    header.update({"labelExpr": f"{json.dumps(names, ensure_ascii=False)}[datum.value] || datum.value",
                   "labelLimit": 0, "labelLineHeight": 13})
    spec["title"] = {"text": _lines(title, 60), "anchor": "start"}
    return spec


def trend_spec(card: Scorecard) -> dict | None:
    """Small multiples of the indicators that have last year's figure, over up to five years; each on its own
    scale, counts from zero."""
    if card.period.type is not PeriodType.YEAR:
        return None
    chosen, seen = [], set()
    for row in sorted(card.rows, key=lambda r: r.target is None):  # those with a target first
        key = (row.indicator.pk, row.disaggregation)
        if row.change.previous is not None and row.actual.value is not None and key not in seen:
            seen.add(key)
            chosen.append(row)
    if not chosen:
        return None
    data = yearly(card.unit, [(r.indicator.pk, r.disaggregation) for r in chosen], card.period.year)
    panels = []
    for row in chosen:
        points = data.get((row.indicator.pk, row.disaggregation), [])
        if len(points) < 2:
            continue
        label = row.indicator.name + (f" — {row.disaggregation_label}" if row.disaggregation else "")
        label += f" ({row.indicator.unit.symbol})"
        is_count = row.indicator.unit.dimension == "count" or row.indicator.value_type == "integer"
        values = [{"ky": str(p.year), "gia_tri": float(v)} for p, v in points]
        base = alt.Chart(alt.Data(values=values)).encode(
            x=alt.X("ky:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("gia_tri:Q", title=None, axis=alt.Axis(format=",.4~f", tickCount=4),
                    scale=alt.Scale(zero=is_count)))
        panel = (base.mark_line(color="#9b1c1c", point=alt.OverlayMarkDef(color="#9b1c1c"))
                 + base.mark_text(dy=-9, fontSize=10).encode(text=alt.Text("gia_tri:Q", format=",.4~f")))
        panels.append(panel.properties(width=170, height=100, title=alt.TitleParams(
            _lines(label), fontSize=11, anchor="start", fontWeight="normal")))
        if len(panels) == TREND_LIMIT:
            break
    if not panels:
        return None
    chart = alt.concat(*panels, columns=3).properties(title=alt.TitleParams(["Diễn biến qua các năm"],
                                                                            anchor="start"))
    return chart.configure(font=charts.FONT).configure_title(fontSize=14).to_dict()


def cache_dir() -> Path:
    return Path(settings.DATA_DIR) / "cache" / "charts"


def png(spec: dict) -> bytes:
    """The PNG of ``spec``, from the file cache when it was rendered before."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    path = cache_dir() / f"{digest}.png"
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = charts.to_png(spec, scale=1.5)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only data folder: serve it anyway
    return data
