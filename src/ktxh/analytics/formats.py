"""Scorecards as a text table (Vietnamese number format), CSV (plain numbers), JSON or Excel (numbers as numbers,
shown the Vietnamese way); :data:`WRITERS` registers them by format name.

Text cells that a spreadsheet would run as a formula are neutralised with a leading apostrophe in CSV; in Excel
every text is written as a string cell (never a formula), and the same apostrophe is added so that a copy to CSV
stays safe."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from typing import BinaryIO, TextIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ktxh.analytics.scorecard import Row, Scorecard
from ktxh.datafiles import neutralise
from ktxh.numbers import format_number, round_half_up
from ktxh.values.models import plain_number

COLUMNS = [
    "indicator_code",
    "indicator_name",
    "unit",
    "target_source",
    "target",
    "actual",
    "kind",
    "pct_of_target",
    "status",
    "previous",
    "change",
    "change_pct",
    "rank",
]
EXTRA_COLUMNS = ["disaggregation", "target_form", "gap", "how", "note"]
FORM_WORDS = {"at_least": "trên", "at_most": "dưới", "approx": "khoảng"}


def _round(value: Decimal | None, places: int = 2) -> Decimal | None:
    return None if value is None else round_half_up(value, places)


def _shown(figure) -> Decimal:
    """An entered figure as written; a computed one (a ratio, a mean) to 2 decimals."""
    return figure.value if figure.how == "direct" else _round(figure.value)


def _target_text(row: Row, number) -> str:
    target = row.target
    if target is None:
        return ""
    if target.value is None:
        return target.text
    text = number(target.value)
    if target.value_high is not None:
        text += "–" + number(target.value_high)
    word = FORM_WORDS.get(target.form)
    return f"{word} {text}" if word else text


def _notes(row: Row) -> str:
    notes = [row.actual.note] if row.actual.note and row.actual.how != "direct" else []
    if row.actual.value is None and row.actual.note:
        notes = [row.actual.note]
    if row.judgement and row.judgement.note:
        notes.append(row.judgement.note)
    if row.change.note and row.change.previous is not None:
        notes.append(row.change.note)
    if row.rank_note:
        notes.append(row.rank_note)
    if row.entered_vs_rollup:
        notes.append(
            _("the figure entered differs by %(difference)s from the total of the units below")
            % {"difference": plain_number(_round(row.entered_vs_rollup))}
        )
    return "; ".join(dict.fromkeys(notes))


def record(row: Row, number=plain_number) -> dict[str, str]:
    """One row as strings. ``number`` prints numbers (plain for CSV/JSON, Vietnamese for the table). Cells that
    cannot be computed say why."""
    actual = row.actual
    judgement = row.judgement
    change = row.change
    not_computable = actual.note if actual.not_computable else ""
    name = row.indicator.name + (f" — {row.disaggregation_label}" if row.disaggregation else "")
    pct = ""
    if judgement is not None:
        pct = (
            number(_round(judgement.pct_of_target))
            if judgement.pct_of_target is not None
            else ("" if row.is_rate or row.target.form == "qualitative" else judgement.note)
        )
    return {
        "indicator_code": row.indicator.code,
        "indicator_name": name,
        "unit": row.indicator.unit.symbol,
        "target_source": row.target.source.code if row.target else "",
        "target": _target_text(row, number),
        "actual": number(_shown(actual)) if actual.value is not None else (actual.text or not_computable),
        "kind": actual.kind if actual.value is not None or actual.text else "",
        "pct_of_target": pct,
        "status": str(judgement.status) if judgement and judgement.status else "",
        "previous": number(_round(change.previous, 4).normalize())
        if change.previous is not None
        else (change.note if actual.value is not None else ""),
        "change": number(_round(change.change)) if change.change is not None else "",
        "change_pct": number(_round(change.change_pct)) if change.change_pct is not None else "",
        "rank": f"{row.rank}/{row.rank_of}" if row.rank else "",
        "disaggregation": row.disaggregation,
        "target_form": row.target.form if row.target else "",
        "gap": number(_round(judgement.gap)) if judgement and judgement.gap is not None else "",
        "how": actual.how,
        "note": _notes(row),
    }


def write_csv(out: TextIO, card: Scorecard) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS + EXTRA_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in card.rows:
        writer.writerow(record(row))


def write_json(out: TextIO, card: Scorecard) -> None:
    completeness = card.completeness
    json.dump(
        {
            "org_unit": card.unit.code,
            "org_unit_name": card.unit.name,
            "period": card.period.code,
            "period_label": card.period.label,
            "rows": [record(row) for row in card.rows],
            "completeness": {
                "expected": completeness.expected,
                "present": len(completeness.present),
                "estimate_only": len(completeness.estimate_only),
                "missing": len(completeness.missing),
            },
        },
        out,
        ensure_ascii=False,
        indent=2,
    )
    out.write("\n")


#: The column titles of the table and the Excel sheet (translated: the vi catalog gives the report's words).
TITLES = {
    "indicator_name": gettext_lazy("Indicator"),
    "unit": gettext_lazy("Unit of measure (short)"),
    "target_source": gettext_lazy("Source"),
    "target": gettext_lazy("Plan"),
    "actual": gettext_lazy("Result"),
    "kind": gettext_lazy("Kind"),
    "pct_of_target": gettext_lazy("Percent of plan"),
    "status": gettext_lazy("Assessment"),
    "previous": gettext_lazy("Same period last year"),
    "change": gettext_lazy("Increase/decrease"),
    "change_pct": gettext_lazy("Percent on last year"),
    "rank": gettext_lazy("Rank"),
    "note": gettext_lazy("Note"),
}
TABLE_COLUMNS = [
    ("indicator_name", 46),
    ("unit", 10),
    ("target_source", 10),
    ("target", 12),
    ("actual", 12),
    ("kind", 8),
    ("pct_of_target", 8),
    ("status", 9),
    ("previous", 10),
    ("change", 10),
    ("change_pct", 8),
    ("rank", 8),
]
KIND_WORDS = {"actual": gettext_lazy("result (short)"), "estimate": gettext_lazy("estimate (short)")}


def write_table(out: TextIO, card: Scorecard) -> None:
    def vn(value):
        return format_number(value)

    out.write(f"{card.unit.name} — {card.period.label}\n")
    header = " ".join(str(TITLES[name]).ljust(width)[:width] for name, width in TABLE_COLUMNS)
    out.write(header + "\n" + "-" * len(header) + "\n")
    for row in card.rows:
        cells = record(row, vn)
        cells["kind"] = str(KIND_WORDS.get(cells["kind"], cells["kind"]))
        line = []
        for name, width in TABLE_COLUMNS:
            text = cells[name]
            if name in ("pct_of_target",) and text and not text[0].isdigit() and not text.startswith("-"):
                text = ""
            line.append(_fit(text, width))
        out.write(" ".join(line).rstrip() + "\n")
    if not card.rows:
        out.write(
            _("No figure or target of %(unit)s for %(period)s yet.")
            % {"unit": card.unit.name, "period": card.period.label}
            + "\n"
        )
    c = card.completeness
    out.write(
        "\n"
        + _("Complete: %(present)d/%(expected)d indicators due; estimates only: %(estimates)d; missing: %(missing)d.")
        % {
            "present": len(c.present),
            "expected": c.expected,
            "estimates": len(c.estimate_only),
            "missing": len(c.missing),
        }
        + "\n"
    )


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


#: Excel's display format: grouped thousands, up to 2 decimals; Excel shows it with the reader's separators
#: (1.234,5 on a Vietnamese system). The cell holds the number itself.
XLSX_NUMBER = "#,##0.##"
XLSX_COLUMNS = [
    ("indicator_name", 46),
    ("unit", 10),
    ("target_source", 12),
    ("target", 14),
    ("actual", 14),
    ("kind", 8),
    ("pct_of_target", 9),
    ("status", 10),
    ("previous", 12),
    ("change", 12),
    ("change_pct", 9),
    ("rank", 9),
    ("note", 40),
]
NUMERIC = {"actual", "pct_of_target", "previous", "change", "change_pct"}


def write_xlsx(out: BinaryIO, card: Scorecard) -> None:
    """The scorecard as an Excel sheet laid out like the report's appendix table: title, TT, numbers as numbers."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    sheet = workbook.add_worksheet("Phụ lục")
    title = workbook.add_format({"bold": True, "font_name": "Times New Roman", "font_size": 13, "align": "center"})
    head = workbook.add_format(
        {
            "bold": True,
            "font_name": "Times New Roman",
            "border": 1,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
        }
    )
    text = workbook.add_format({"font_name": "Times New Roman", "border": 1, "text_wrap": True, "valign": "top"})
    number = workbook.add_format(
        {"font_name": "Times New Roman", "border": 1, "num_format": XLSX_NUMBER, "valign": "top"}
    )
    width = len(XLSX_COLUMNS)
    sheet.merge_range(0, 0, 0, width, neutralise(f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU — {card.unit.name.upper()}"), title)
    sheet.merge_range(1, 0, 1, width, neutralise(card.period.label), title)
    sheet.write_string(3, 0, "TT", head)
    sheet.set_column(0, 0, 5)
    for col, (name, col_width) in enumerate(XLSX_COLUMNS, start=1):
        sheet.write_string(3, col, str(TITLES[name]), head)
        sheet.set_column(col, col, col_width)
    sheet.freeze_panes(4, 0)
    for index, row in enumerate(card.rows, start=1):
        cells = record(row)
        line = 3 + index
        sheet.write_number(line, 0, index, number)
        for col, (name, _width) in enumerate(XLSX_COLUMNS, start=1):
            value = cells[name]
            if name == "kind":
                value = str(KIND_WORDS.get(value, value))
            if name in NUMERIC and value and _is_plain(value):
                sheet.write_number(line, col, float(Decimal(value)), number)
            else:
                sheet.write_string(line, col, neutralise(value), text)
    workbook.close()


def _is_plain(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return text.replace(".", "", 1).lstrip("-").isdigit()


#: The scorecard writers by format name: text formats write to a text stream, ``binary`` ones to bytes.
WRITERS = {"table": write_table, "csv": write_csv, "json": write_json, "xlsx": write_xlsx}
BINARY = {"xlsx"}
