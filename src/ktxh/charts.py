"""Chart specifications (Vega-Lite, written with Altair), one spec for the web page and the Word report.

The web embeds the JSON spec; the report renders the same spec to PNG with vl-convert, offline. Labels are
Vietnamese and numbers use the Vietnamese locale (1.234,5).
"""

from __future__ import annotations

import hashlib
import json
import os
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import altair as alt

VI_LOCALE = {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " đồng"]}}
FONT = "Times New Roman, Liberation Serif, DejaVu Serif, serif"
PLAN, RESULT = "Kế hoạch", "Thực hiện"


@dataclass(frozen=True)
class Comparison:
    label: str
    target: Decimal
    actual: Decimal
    verdict: str = ""  # "vượt", "đạt", "không đạt": shown with the indicator's name


@dataclass(frozen=True)
class Series:
    label: str
    unit: str
    points: list[tuple[str, Decimal]]  # (period label, value), in time order


# Sizes in pixels of a chart about 560 px wide printed 15,5 cm wide (1 px ≈ 0,8 pt): 12 px ≈ 9,5 pt at print size.
LABEL_SIZE, HEADER_SIZE, TITLE_SIZE = 12, 12, 14
WRAP = 30  # characters per line of a small multiple's name


def wrap(text: str, width: int = WRAP) -> str:
    """A long name on several lines ("\n"), never cut."""
    return "\n".join(textwrap.wrap(text, width)) or text


def _title(title: str | None):
    return alt.TitleParams(text=textwrap.wrap(title, 60), fontSize=TITLE_SIZE) if title else alt.Undefined


def _header():
    return alt.Header(labelFontSize=HEADER_SIZE, labelLimit=0, labelExpr="split(datum.label, '\\n')")


def _config(chart: alt.Chart) -> alt.Chart:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=LABEL_SIZE, titleFontSize=LABEL_SIZE)
        .configure_legend(labelFontSize=LABEL_SIZE, titleFontSize=LABEL_SIZE, orient="bottom")
        .configure_title(fontSize=TITLE_SIZE)
    )


def targets_vs_results(items: list[Comparison], title: str | None = None) -> dict:
    """For each indicator, its target and its result side by side, each indicator on its own scale (a poverty
    rate of 2 % and an insurance coverage of 100 % cannot share an axis)."""
    values = []
    for order, item in enumerate(items):
        for kind, value in ((PLAN, item.target), (RESULT, item.actual)):
            label = f"{item.label} — {item.verdict}" if item.verdict else item.label
            values.append({"chi_tieu": wrap(label), "loai": kind, "gia_tri": float(value), "thu_tu": order})
    base = alt.Chart(alt.Data(values=values)).encode(
        x=alt.X("loai:N", title=None, sort=[PLAN, RESULT], axis=alt.Axis(labelAngle=0)),
        y=alt.Y("gia_tri:Q", title=None, axis=alt.Axis(format=",.4~f"), scale=alt.Scale(zero=True)),
    )
    bars = base.mark_bar(size=34).encode(
        color=alt.Color(
            "loai:N",
            title=None,
            sort=[PLAN, RESULT],
            scale=alt.Scale(domain=[PLAN, RESULT], range=["#9aa7b8", "#9b1c1c"]),
        ),
        tooltip=[alt.Tooltip("chi_tieu:N", title="Chỉ tiêu"), alt.Tooltip("gia_tri:Q", format=",.4~f")],
    )
    labels = base.mark_text(dy=-7, fontSize=LABEL_SIZE).encode(text=alt.Text("gia_tri:Q", format=",.4~f"))
    chart = (
        (bars + labels)
        .properties(width=150, height=110)
        .facet(facet=alt.Facet("chi_tieu:N", title=None, sort=alt.SortField("thu_tu"), header=_header()), columns=3)
        .resolve_scale(y="independent")
    )
    if title:
        chart = chart.properties(title=_title(title))
    return _config(chart).to_dict()


def trend(series: list[Series], title: str | None = None) -> dict:
    """Small multiples: each indicator's value over the years, on its own scale from zero (a count that goes
    from 181 to 186 is not a fall by half)."""
    values = [
        {"chi_tieu": wrap(f"{s.label} ({s.unit})"), "ky": label, "gia_tri": float(value), "thu_tu": i}
        for s in series
        for i, (label, value) in enumerate(s.points)
    ]
    base = alt.Chart(alt.Data(values=values)).encode(
        x=alt.X("ky:N", title=None, sort=alt.SortField("thu_tu"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("gia_tri:Q", title=None, axis=alt.Axis(format=",.4~f"), scale=alt.Scale(zero=True)),
    )
    chart = base.mark_line(color="#9b1c1c", point=alt.OverlayMarkDef(color="#9b1c1c")) + base.mark_text(
        dy=-9, fontSize=LABEL_SIZE
    ).encode(text=alt.Text("gia_tri:Q", format=",.4~f"))
    chart = (
        chart.properties(width=170, height=110)
        .facet(facet=alt.Facet("chi_tieu:N", title=None, header=_header()), columns=3)
        .resolve_scale(y="independent")
    )
    if title:
        chart = chart.properties(title=_title(title))
    return _config(chart).to_dict()


def cache_dir() -> Path | None:
    root = os.environ.get("KTXH_CHART_CACHE")
    if root:
        return Path(root)
    try:
        from django.conf import settings

        return Path(settings.DATA_DIR) / "cache" / "charts"
    except Exception:  # no settings: no cache
        return None


def to_png(spec: dict, scale: float = 2.0) -> bytes:
    """The PNG of a spec, cached by the spec itself: the same chart in the next report costs a file read."""
    key = hashlib.sha256(json.dumps([spec, scale, VI_LOCALE], sort_keys=True, default=str).encode()).hexdigest()
    folder = cache_dir()
    path = folder / f"{key}.png" if folder else None
    if path is not None and path.is_file():
        return path.read_bytes()
    import vl_convert as vlc

    png = vlc.vegalite_to_png(spec, scale=scale, config={"locale": VI_LOCALE})
    if path is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{key}.{os.getpid()}.part")
            partial.write_bytes(png)
            partial.replace(path)
        except OSError:
            pass  # a read-only data folder: no cache, still a chart
    return png
