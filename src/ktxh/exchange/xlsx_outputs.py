"""The report's appendix table as an Excel workbook: the rows and columns of the appendix of the .docx report
(TT, Chỉ tiêu, ĐVT, a target column per source, Thực hiện / Ước TH, % kế hoạch, Cùng kỳ, % so cùng kỳ, Đánh giá),
with numbers as numbers shown the Vietnamese way by their display format, and text never written as a formula.

``write_appendix(unit, period, out)`` is what ``ktxh export --format appendix-xlsx`` and the web's download call.
"""

from __future__ import annotations

from decimal import Decimal
from typing import BinaryIO

import xlsxwriter

from ktxh.analytics import appendix
from ktxh.analytics.scorecard import build_scorecard
from ktxh.datafiles import neutralise
from ktxh.figures.scope import EVERY_SECTOR, SectorScope
from ktxh.numbers import round_half_up
from ktxh.periods import Period
from ktxh.reports.sentences import target_words
from ktxh.units.models import OrgUnit


def _round(value: Decimal, places: int) -> float:
    return float(round_half_up(value, places))


def write_appendix(unit: OrgUnit, period: Period, out: BinaryIO | str, scope: SectorScope = EVERY_SECTOR) -> int:
    """Write the appendix of ``unit``'s report for ``period``; returns the number of indicators. ``scope``: only
    the indicators of the sectors a reader may read (:func:`ktxh.figures.scope.sector_scope`)."""
    table = appendix.table(build_scorecard(unit, period, scope=scope))
    sources = table.sources
    workbook = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    sheet = workbook.add_worksheet("Phụ lục")
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    font = {"font_name": "Times New Roman", "font_size": 12}
    bold = workbook.add_format({**font, "bold": True, "align": "center", "font_size": 14})
    italic = workbook.add_format({**font, "italic": True, "align": "center"})
    head = workbook.add_format(
        {**font, "bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
    )
    text = workbook.add_format({**font, "border": 1, "text_wrap": True, "valign": "top"})
    number = workbook.add_format({**font, "border": 1, "valign": "top", "num_format": "#,##0.##"})
    percent = workbook.add_format({**font, "border": 1, "valign": "top", "num_format": "#,##0.0"})
    header = table.header
    last = len(header) - 1
    sheet.merge_range(0, 0, 0, last, "Phụ lục", bold)
    sheet.merge_range(1, 0, 1, last, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU", bold)
    sheet.merge_range(2, 0, 2, last, neutralise(f"(Kèm theo báo cáo {period.label} của UBND {unit.name})"), italic)
    for col, title in enumerate(header):
        sheet.write_string(4, col, neutralise(title), head)
    widths = [5, 48, 10] + [14] * len(sources) + [16, 11, 12, 12, 12]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.repeat_rows(4)
    sheet.freeze_panes(5, 2)
    line = 4
    for index, entry in enumerate(table.lines, start=1):
        line += 1
        first, by_source, judged = entry.first, entry.by_source, entry.judged
        sheet.write_number(line, 0, index, number)
        sheet.write_string(line, 1, neutralise(first.indicator.name), text)
        sheet.write_string(line, 2, neutralise(first.indicator.unit.symbol), text)
        for col, source in enumerate(sources, start=3):
            target = by_source.get(source.pk)
            if target is None:
                sheet.write_blank(line, col, None, text)
            elif (
                target.target.value is not None
                and target.target.form in ("exact", "")
                and target.target.value_high is None
            ):
                sheet.write_number(line, col, float(target.target.value), number)
            elif target.target.value is not None:
                words = target_words(target.target.form, target.target.value)
                shown = _vi(target.target.value) + (
                    f"–{_vi(target.target.value_high)}" if target.target.value_high is not None else ""
                )
                sheet.write_string(line, col, words + shown, text)
            else:
                sheet.write_string(line, col, neutralise(target.target.text), text)
        col = 3 + len(sources)
        actual = first.actual  # the appendix lists results only (analytics.appendix.rows)
        sheet.write_number(line, col, float(actual.value), number)
        if actual.estimate:
            sheet.write_comment(line, col, "ước thực hiện")
        pct = judged.judgement.pct_of_target if judged and not first.is_rate else None
        _number_or_blank(sheet, line, col + 1, pct, percent, text)
        _number_or_blank(sheet, line, col + 2, first.change.previous, number, text)
        change = first.change
        if change.change_pct is not None:
            sheet.write_number(line, col + 3, _round(change.change_pct + 100, 1), percent)
        elif first.is_rate and change.change is not None:
            sheet.write_string(
                line, col + 3, ("+" if change.change > 0 else "") + _vi(change.change, 2) + " điểm", text
            )
        else:
            sheet.write_blank(line, col + 3, None, text)
        status = str(judged.judgement.status) if judged else ""
        sheet.write_string(line, col + 4, status.capitalize(), text)
    workbook.close()
    return line - 4


def _number_or_blank(sheet, line, col, value, number_format, text_format) -> None:
    if value is None:
        sheet.write_blank(line, col, None, text_format)
    else:
        sheet.write_number(line, col, _round(value, 2), number_format)


def _vi(value: Decimal, places: int | None = None) -> str:
    from ktxh.numbers import format_number

    return format_number(value, places)
