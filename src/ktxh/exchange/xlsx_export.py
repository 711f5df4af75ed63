"""The figures export as an Excel workbook (``ktxh export --format xlsx``): the columns of the CSV export
(:data:`ktxh.exchange.csvfile.VALUE_COLUMNS`), numbers as numbers with a Vietnamese display format, text cells that
a spreadsheet would run with a leading apostrophe (as in the CSV). ``ktxh import`` reads it back unchanged."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

import xlsxwriter

from ktxh.exchange.csvfile import VALUE_COLUMNS, value_cells
from ktxh.values.models import DataValue

NUMBER_FORMAT = "#,##0.######"


def write_values(out: BinaryIO | str, values: Iterable[DataValue]) -> int:
    workbook = xlsxwriter.Workbook(
        out,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    sheet = workbook.add_worksheet("Số liệu")
    bold = workbook.add_format({"bold": True})
    number = workbook.add_format({"num_format": NUMBER_FORMAT})
    sheet.write_row(0, 0, VALUE_COLUMNS, bold)
    count = 0
    for count, value in enumerate(values, start=1):
        cells = value_cells(value, number=lambda number: number)
        for col, cell in enumerate(cells):
            if cell is None or cell == "":
                continue
            if isinstance(cell, str):
                sheet.write_string(count, col, cell)
            else:
                sheet.write_number(count, col, float(cell), number)
    workbook.close()
    return count
