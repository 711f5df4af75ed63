"""Chart specifications (Vega-Lite, written with Altair), one spec for the web page and the Word report.

The web embeds the JSON spec; the report renders the same spec to PNG with vl-convert, offline. Labels are
Vietnamese and numbers use the Vietnamese locale (1.234,5).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import altair as alt

VI_LOCALE = {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " đồng"]}}
FONT = "Times New Roman, Liberation Serif, DejaVu Serif, serif"
PLAN, RESULT = "Kế hoạch", "Thực hiện"


@dataclass(frozen=True)
class Comparison:
    label: str
    target: Decimal
    actual: Decimal


@dataclass(frozen=True)
class Series:
    label: str
    unit: str
    points: list[tuple[str, Decimal]]  # (period label, value), in time order


def _config(chart: alt.Chart) -> alt.Chart:
    return chart.configure(font=FONT).configure_axis(labelFontSize=11, titleFontSize=12).configure_legend(
        labelFontSize=11, titleFontSize=12, orient="bottom").configure_title(fontSize=14)


def targets_vs_results(items: list[Comparison], title: str) -> dict:
    """For each indicator, its target and its result side by side, each indicator on its own scale (a poverty
    rate of 2 % and an insurance coverage of 100 % cannot share an axis)."""
    values = []
    for order, item in enumerate(items):
        for kind, value in ((PLAN, item.target), (RESULT, item.actual)):
            values.append({"chi_tieu": item.label, "loai": kind, "gia_tri": float(value), "thu_tu": order})
    base = alt.Chart(alt.Data(values=values)).encode(
        x=alt.X("loai:N", title=None, sort=[PLAN, RESULT], axis=alt.Axis(labelAngle=0)),
        y=alt.Y("gia_tri:Q", title=None, axis=alt.Axis(format=",.4~f")),
    )
    bars = base.mark_bar(size=34).encode(
        color=alt.Color("loai:N", title=None, sort=[PLAN, RESULT],
                        scale=alt.Scale(domain=[PLAN, RESULT], range=["#9aa7b8", "#9b1c1c"])),
        tooltip=[alt.Tooltip("chi_tieu:N", title="Chỉ tiêu"), alt.Tooltip("gia_tri:Q", format=",.4~f")])
    labels = base.mark_text(dy=-7, fontSize=11).encode(text=alt.Text("gia_tri:Q", format=",.4~f"))
    chart = (bars + labels).properties(width=150, height=110).facet(
        facet=alt.Facet("chi_tieu:N", title=None, sort=alt.SortField("thu_tu"),
                        header=alt.Header(labelFontSize=10, labelLimit=230)),
        columns=3).resolve_scale(y="independent").properties(title=title)
    return _config(chart).to_dict()


def trend(series: list[Series], title: str) -> dict:
    """Small multiples: each indicator's value over the years, on its own scale."""
    values = [{"chi_tieu": f"{s.label} ({s.unit})", "ky": label, "gia_tri": float(value), "thu_tu": i}
              for s in series for i, (label, value) in enumerate(s.points)]
    base = alt.Chart(alt.Data(values=values)).encode(
        x=alt.X("ky:N", title=None, sort=alt.SortField("thu_tu"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("gia_tri:Q", title=None, axis=alt.Axis(format=",.4~f"), scale=alt.Scale(zero=False)),
    )
    chart = (base.mark_line(color="#9b1c1c", point=alt.OverlayMarkDef(color="#9b1c1c"))
             + base.mark_text(dy=-9, fontSize=10).encode(text=alt.Text("gia_tri:Q", format=",.4~f")))
    chart = chart.properties(width=170, height=110).facet(
        facet=alt.Facet("chi_tieu:N", title=None, header=alt.Header(labelFontSize=11, labelLimit=230)),
        columns=3).resolve_scale(y="independent").properties(title=title)
    return _config(chart).to_dict()


def to_png(spec: dict, scale: float = 2.0) -> bytes:
    import vl_convert as vlc

    return vlc.vegalite_to_png(spec, scale=scale, config={"locale": VI_LOCALE})
