"""Reading figures from spreadsheets (.xlsx with python-calamine) and from CSV files with a header row of our
names (:mod:`ktxh.exchange.sheets`): the templates of :mod:`ktxh.exchange.xlsx_template` and people's own sheets.

Every sheet with a header row is read; every problem of every sheet is collected (sheet, row, column, value,
reason) before anything is written, and the rows go through the one values loader
(:func:`ktxh.values.loader.load_rows`), all or nothing. Numbers written as text are read by the rules of
:mod:`ktxh.exchange.cells`. In a spreadsheet a row where nothing was entered (no value, content or comment) is a
template row left empty and is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import python_calamine
from django.utils.translation import gettext as _

from ktxh.catalog.models import Indicator
from ktxh.datafiles import Problems, Row, read_table
from ktxh.exchange import limits
from ktxh.exchange.cells import TYPED, normalise_numbers, typed_number
from ktxh.exchange.csvfile import FORMULA_STARTS
from ktxh.exchange.sheets import NUMBER_COLUMNS, header_map, kind_code, normal
from ktxh.values.models import plain_number

TEXT_COLUMNS = ("comment", "variant", "text", "source")
# Columns whose text cells are more than stripped: the kind's words, and texts an export neutralised.
_SPECIAL_TEXT = frozenset({"kind", *TEXT_COLUMNS})
_CELL_REF = re.compile(rb'<c r="([A-Z]+[0-9]+)"')


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_xlsx(path: Path, problems: Problems) -> list[Row]:
    """The rows of every figures sheet of a workbook, as loader columns (text). Problems are added, not raised."""
    if not limits.check_xlsx(path, problems):
        return []
    formulas = _formula_cells(path)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        problems.add(
            None,
            None,
            _("the workbook is protected by a password: remove the password and save it again."),
            file=path.name,
        )
        return []
    except Exception as error:  # calamine raises its own errors for a damaged part
        problems.add(
            None,
            None,
            _("the workbook cannot be read (%(error)s): save it again from Excel as «Excel Workbook (.xlsx)».")
            % {"error": error},
            file=path.name,
        )
        return []
    rows: list[Row] = []
    budget = limits.max_rows()
    with_header = 0
    for index, name in enumerate(workbook.sheet_names):
        label = _("%(file)s, sheet «%(sheet)s»") % {"file": path.name, "sheet": name}
        try:
            sheet = workbook.get_sheet_by_name(name)
        except Exception as error:
            problems.add(None, None, _("the sheet cannot be read (%(error)s).") % {"error": error}, file=label)
            continue
        if sheet.total_height > budget:
            problems.add(
                None,
                None,
                _("the sheet has %(rows)d rows, more than the %(limit)d allowed (setting KTXH_IMPORT_MAX_ROWS).")
                % {"rows": sheet.total_height, "limit": budget},
                file=label,
            )
            continue
        cells = sheet.iter_rows()
        header_cells = next(cells, None)
        if header_cells is None or not any(str(c).strip() for c in header_cells):
            continue  # an empty sheet
        with_header += 1
        merged = [r for r in (sheet.merged_cell_ranges or []) if r[0][0] <= sheet.start[0]]
        if merged:
            (r1, c1), (r2, c2) = merged[0]
            problems.add(
                None,
                None,
                _("the header row has merged cells (%(first)s:%(last)s): give every column its own header in one row.")
                % {"first": f"{column_letter(c1)}{r1 + 1}", "last": f"{column_letter(c2)}{r2 + 1}"},
                file=label,
            )
            continue
        if index in formulas:
            problems.add(
                None,
                None,
                _(
                    "cell %(cell)s holds a formula: copy the sheet and paste it as values only "
                    "(Paste Special → Values), then import again."
                )
                % {"cell": formulas[index]},
                file=label,
            )
            continue
        first_row = (sheet.start or (0, 0))[0]
        columns = _columns(header_cells, label, problems)
        if columns is None:
            continue
        places = list(columns.items())
        for number, cells_of_row in enumerate(cells, start=first_row + 2):
            data: dict[str, str] = {}
            typed: set[str] = set()
            width = len(cells_of_row)
            for position, column in places:
                cell = cells_of_row[position] if position < width else ""
                if type(cell) is str and column not in _SPECIAL_TEXT:  # most cells (_cell_text's first case, inline)
                    text = cell.strip()
                else:
                    text = _cell_text(cell, column, label, number, problems, typed)
                if text:
                    data[column] = text
            if typed:
                data[TYPED] = ";".join(sorted(typed)) if len(typed) > 1 else next(iter(typed))
            if (
                not data.get("value")
                and not data.get("text")
                and not data.get("comment")
                and not data.get("value_high")
            ):
                continue
            rows.append(Row(label, number, data))
    if not with_header and not problems:
        problems.add(None, None, _("the workbook has no sheet with a header row."), file=path.name)
    return rows


def _columns(header_cells, label: str, problems: Problems) -> dict[int, str] | None:
    """{position: loader column} from the header row; None (with problems) when the sheet is not a figures sheet."""
    mapping = header_map()
    columns: dict[int, str] = {}
    unknown = []
    for position, cell in enumerate(header_cells):
        header = normal(str(cell)) if cell not in (None, "") else ""
        if not header:
            continue
        if header not in mapping:
            unknown.append(str(cell))
            continue
        if mapping[header] is not None:
            problems.aliases.setdefault(mapping[header], str(cell).strip())
            if mapping[header] in columns.values():
                problems.add(None, None, _("two columns are headed «%(header)s».") % {"header": cell}, file=label)
                return None
            columns[position] = mapping[header]
    missing = [c for c in ("org_unit", "period", "indicator", "value") if c not in columns.values()]
    if missing and not columns:
        problems.add(
            None,
            None,
            _(
                "the sheet is not a figures sheet: its first row has none of the columns "
                "ktxh reads (Unit code, Period, Indicator code, Value, …); remove the sheet or "
                "fix its header."
            ),
            file=label,
        )
        return None
    if missing or unknown:
        if missing:
            problems.add(None, None, _("missing column %(missing)s.") % {"missing": ", ".join(missing)}, file=label)
        if unknown:
            problems.add(
                None,
                None,
                _("unknown column %(unknown)s (a typo in a header must not drop a column).")
                % {"unknown": ", ".join(f"«{u}»" for u in unknown)},
                file=label,
            )
        return None
    return columns


def _cell_text(cell, column: str, label: str, number: int, problems: Problems, typed: set[str]) -> str:
    """A cell as the text the loader reads; numbers typed as numbers become plain numbers."""
    if type(cell) is str:  # most cells: codes and words
        if column not in _SPECIAL_TEXT:
            return cell.strip()
        return _special_text(cell.strip(), column)
    if cell is None:
        return ""
    if isinstance(cell, bool):
        problems.add(
            Row(label, number, {}), column, _("«%(value)s» is a true/false cell, not a value.") % {"value": cell}
        )
        return ""
    if isinstance(cell, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        if column in NUMBER_COLUMNS:
            problems.add(
                Row(label, number, {}),
                column,
                _("«%(value)s» is a date, not a number (the cell is formatted as a date?).") % {"value": cell},
            )
            return ""
        return cell.isoformat() if hasattr(cell, "isoformat") else str(cell)
    if isinstance(cell, (int, float)):  # bool is an int, and was refused above
        try:
            value = typed_number(cell)
        except Exception:
            problems.add(Row(label, number, {}), column, _("«%(value)s» is not a number.") % {"value": cell})
            return ""
        if not value.is_finite():
            problems.add(Row(label, number, {}), column, _("«%(value)s» is not a finite number.") % {"value": cell})
            return ""
        if column in NUMBER_COLUMNS:
            typed.add(column)
        return plain_number(value)
    return _special_text(str(cell).strip(), column)


def _special_text(text: str, column: str) -> str:
    """A text cell of a column of :data:`_SPECIAL_TEXT` (others are only stripped)."""
    if column == "kind":
        return kind_code(text)
    if column in TEXT_COLUMNS and text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]  # neutralised by an export (ktxh.exchange.csvfile.neutralise)
    return text


def _formula_cells(path: Path) -> dict[int, str]:
    """{sheet index: the first cell holding a formula}, read from the sheets' XML without parsing it all."""
    found: dict[int, str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(
                (n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
                key=lambda n: int(re.search(r"\d+", n.rsplit("/", 1)[1]).group()),
            )
            for index, name in enumerate(names):
                tail = b""
                with archive.open(name) as handle:
                    while chunk := handle.read(1 << 20):
                        data = tail + chunk
                        match = re.search(rb"<f[ >/]", data)
                        if match:
                            refs = _CELL_REF.findall(data, 0, match.start())
                            found[index] = refs[-1].decode() if refs else "?"
                            break
                        tail = data[-200:]
    except (zipfile.BadZipFile, OSError):
        pass
    return found


def read_csv_sheet(path: Path, problems: Problems) -> list[Row]:
    """A CSV file with a header row of sheet names (Vietnamese or machine): read by the CSV reader of the data
    files, with its header translated to loader columns."""
    mapping = header_map()
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        first = handle.readline()
    import csv

    header = next(csv.reader([first]), [])
    read = read_table(path, [h.strip() for h in header], [], problems)
    rows = []
    for row in read:
        data = {}
        for header_text, text in row.data.items():
            column = mapping.get(normal(header_text))
            if column:
                data[column] = kind_code(text) if column == "kind" else text
        rows.append(Row(row.file, row.line, data))
    unknown = [h for h in header if normal(h) and normal(h) not in mapping]
    if unknown:
        problems.add(
            None,
            None,
            _("unknown column %(unknown)s (a typo in a header must not drop a column).")
            % {"unknown": ", ".join(f"«{u}»" for u in unknown)},
            file=path.name,
        )
    return rows


def prepare(rows: list[Row], problems: Problems) -> list[Row]:
    """Numbers written as text read by the rules of :mod:`ktxh.exchange.cells`; the value of a qualitative
    indicator moved to its content; the unit of measure checked and dropped (the catalog keeps it)."""
    indicators = {i.code: i for i in Indicator.objects.select_related("unit")}

    def whole(row: Row) -> bool:
        indicator = indicators.get(row["indicator"])
        return indicator is not None and indicator.value_type == "integer"

    for row in rows:
        indicator = indicators.get(row["indicator"])
        if indicator is not None and indicator.is_qualitative and row["value"] and not row["text"]:
            row.data["text"], row.data["value"] = row.data["value"], ""
        symbol = row.data.pop("unit", "")
        if symbol and indicator is not None and indicator.unit_id and symbol != indicator.unit.symbol:
            problems.add(
                row,
                "unit",
                _("the file gives the unit «%(unit)s», but indicator «%(code)s» is kept in «%(expected)s».")
                % {"unit": symbol, "code": indicator.code, "expected": indicator.unit.symbol},
            )
    normalise_numbers(rows, NUMBER_COLUMNS, whole, problems)
    return rows
