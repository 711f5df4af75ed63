"""Reading the CSV data files (catalog, units, values) with problems reported by file, line and column.

Loaders collect every problem of a file set before writing anything; :class:`LoadError` carries them all, so the
user fixes the file once instead of once per error.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_PROBLEMS_SHOWN = 50
#: Problems kept in memory: a file of a million bad lines is counted, not held (the message shows the first ones).
MAX_PROBLEMS_KEPT = 1000
MAX_DECIMALS = 6  # the figures' columns keep 6 decimal places
MAX_DIGITS = 15  # SQLite keeps numbers as doubles: 15 significant digits survive exactly
CODE_PATTERN = re.compile(r"[a-z0-9][a-z0-9_.\-]*", re.IGNORECASE)
MAX_CELL_CHARS = csv.field_size_limit()  # 131.072: longer cells are refused, not read
# A plain number: ASCII digits only (Decimal() would also take «1_000» and full-width «１２３»).
PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
# A plain number that needs no further check: at most 9 digits before the point and 6 after it (so at most
# MAX_DIGITS significant digits and MAX_DECIMALS places). Most cells of a file are such; the rest take the long way.
_SIMPLE_NUMBER = re.compile(r"-?\d{1,9}(\.\d{1,6})?", re.ASCII)
# Bytes read at a time when a file is streamed (never the whole file at once).
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    message: str
    #: The cell as the file gives it, when the problem is about one cell of a row (for a table of problems).
    value: str = field(default="", compare=False)

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where = _("%(where)s, line %(line)d") % {"where": where, "line": self.line}
        if self.column:
            where = _("%(where)s, column «%(column)s»") % {"where": where, "column": self.column}
        return _("%(where)s: %(message)s") % {"where": where, "message": self.message}


class LoadError(Exception):
    """A file set was refused; nothing of it was written. ``problems`` are the first ones found (at most
    :data:`MAX_PROBLEMS_KEPT`), ``count`` how many there were in all."""

    def __init__(self, problems: list[Problem], count: int | None = None):
        self.problems = problems
        self.count = count = max(count or 0, len(problems))
        shown = "\n".join(f"  - {p}" for p in problems[:MAX_PROBLEMS_SHOWN])
        more = count - min(len(problems), MAX_PROBLEMS_SHOWN)
        tail = (
            "\n  " + ngettext("… and %(count)d more problem.", "… and %(count)d more problems.", more) % {"count": more}
            if more > 0
            else ""
        )
        header = ngettext(
            "Could not load the data (%(count)d problem, nothing was written to the database):",
            "Could not load the data (%(count)d problems, nothing was written to the database):",
            count,
        ) % {"count": count}
        super().__init__(f"{header}\n{shown}{tail}")


@dataclass
class Row:
    file: str
    line: int
    data: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.data.get(column, "")


@dataclass
class Problems:
    """Collects problems while a loader checks a file set: every one is counted, the first
    :data:`MAX_PROBLEMS_KEPT` are kept (memory stays bounded however bad a file of a million lines is)."""

    items: list[Problem] = field(default_factory=list)
    #: {column as the checks name it: column as the file names it}, for a loader that reads another file format
    #: with the same checks (``ktxh import`` reads the export's ``org_unit_code`` as ``org_unit``).
    aliases: dict[str, str] = field(default_factory=dict)
    #: How many problems were found, kept or not.
    count: int = 0
    #: {(file, line): columns with a problem}, for :meth:`columns_of` (kept for the kept problems only).
    _columns: dict = field(default_factory=dict, repr=False)
    #: (file, line) of the last problem and its columns.
    _recent: tuple = field(default=(None, set()), repr=False)

    def add(self, row: Row | None, column: str | None, message: str, file: str | None = None) -> None:
        value = row.data.get(column, "") if row is not None and column else ""
        column = self.aliases.get(column, column) if column else column
        self.count += 1
        where = (row.file if row else (file or "?"), row.line if row else None)
        if self._recent[0] != where:
            self._recent = (where, set())
        self._recent[1].add(column)
        if len(self.items) >= MAX_PROBLEMS_KEPT:
            return
        self.items.append(Problem(*where, column, message, str(value)))
        self._columns.setdefault(where, set()).add(column)

    def columns_of(self, row: Row) -> set[str | None]:
        """The columns of ``row`` that already have a problem (a follow-on check need not add a second one): known
        for the kept problems and, past the kept ones, for the row being checked."""
        where = (row.file, row.line)
        return self._columns.get(where, set()) | (self._recent[1] if self._recent[0] == where else set())

    def raise_if_any(self) -> None:
        if self.count:
            raise LoadError(self.items, self.count)

    def __bool__(self) -> bool:
        return bool(self.count)


#: What a spreadsheet runs as a formula (or a cell that starts with an apostrophe, which it swallows).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(text: str) -> str:
    """A text cell as written to a file people open in a spreadsheet (every export: figures, the change log): an
    apostrophe before what a spreadsheet would run as a formula. ``ktxh.exchange.csvfile.restore`` undoes it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def table_files(path: Path) -> list[Path]:
    """A file, or every ``*.csv`` in a folder in name order."""
    if path.is_dir():
        return sorted(p for p in path.glob("*.csv") if p.is_file())
    return [path] if path.exists() else []


def read_table(
    path: Path, columns: list[str], required: list[str], problems: Problems, display_root: Path | None = None
) -> list[Row]:
    """Read one table from a file or a folder of files (all of it: for the small files of a data set; a loader of
    files of any size streams them with :func:`iter_table`). Missing required columns are problems; unknown columns
    are problems too (a typo in a header must not silently drop a column).

    The file is read as CSV, not as lines: a quoted cell may hold line breaks (kept) and commas. Each row carries
    the number of its first physical line, so a problem after a multi-line cell still points at the right line.
    What does not parse is refused with the line where the broken row starts, and the rest of that file is not
    read (after an unclosed quote no row can be trusted): a quote left open must never swallow the rows after it.
    A NUL byte (a binary file, or a file saved as UTF-16) is refused, as is a cell longer than
    :data:`MAX_CELL_CHARS` characters.
    """
    return list(iter_table(path, columns, required, problems, display_root))


def iter_table(
    path: Path, columns: list[str], required: list[str], problems: Problems, display_root: Path | None = None
) -> Iterator[Row]:
    """The rows of :func:`read_table`, one at a time: the file is read in chunks and never held whole, so a file of
    a million lines takes the memory of one line. A file that is not UTF-8 text (an undecodable byte, a NUL byte) is
    refused before any of its rows is given out, by one cheap pass over its bytes."""
    for file in table_files(path):
        name = str(file.relative_to(display_root)) if display_root and file.is_relative_to(display_root) else str(file)
        if not _is_text(file, name, problems):
            continue
        with file.open(encoding="utf-8-sig", newline="") as handle:
            yield from _read_rows(name, handle, columns, required, problems)


def _is_text(file: Path, name: str, problems: Problems) -> bool:
    """Whether ``file`` is UTF-8 text without NUL bytes; otherwise the reason is on ``problems``."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0  # bytes before the current chunk
    lines = 0  # line breaks before the current chunk
    with file.open("rb") as handle:
        while True:
            chunk = handle.read(_CHUNK)
            pending = len(decoder.getstate()[0])  # bytes of a character cut by the previous chunk
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                problems.add(
                    None,
                    None,
                    _("the file is not UTF-8 (byte %(byte)d); save it again as «CSV UTF-8».")
                    % {"byte": offset - pending + error.start},
                    file=name,
                )
                return False
            if not chunk:
                return True
            nul = chunk.find(b"\x00")
            if nul >= 0:
                line = lines + chunk.count(b"\n", 0, nul) + 1
                problems.add(
                    Row(name, line, {}),
                    None,
                    _("the file contains a NUL byte: it is not a text CSV file (save it again as «CSV UTF-8»)."),
                )
                return False
            offset += len(chunk)
            lines += chunk.count(b"\n")


def _read_rows(
    name: str, handle: Iterable[str], columns: list[str], required: list[str], problems: Problems
) -> Iterator[Row]:
    reader = csv.reader(handle, strict=True)
    header: list[str] | None = None
    end = 0  # the last physical line read so far
    broken = False
    while True:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.add(Row(name, start, {}), None, _csv_problem(error))
            broken = True
            break
        end = reader.line_num
        if header is None:
            header = [h.strip() for h in cells]
            missing = [c for c in required if c not in header]
            unknown = [h for h in header if h and h not in columns]
            if missing:
                problems.add(
                    None,
                    None,
                    _("missing column %(missing)s (the columns are: %(columns)s).")
                    % {"missing": ", ".join(missing), "columns": ", ".join(columns)},
                    file=name,
                )
            if unknown:
                problems.add(
                    None,
                    None,
                    _("unknown column %(unknown)s (the valid columns are: %(columns)s).")
                    % {"unknown": ", ".join(unknown), "columns": ", ".join(columns)},
                    file=name,
                )
            if missing or unknown:
                return
            width = len(header)
            continue
        if len(cells) == width:
            data = dict(zip(header, map(str.strip, cells), strict=True))
        elif not any(c.strip() for c in cells):
            continue
        elif len(cells) > width:
            problems.add(
                Row(name, start, {}),
                None,
                _(
                    "%(cells)d cells but the header has only %(columns)d columns (missing quotes around "
                    "a cell that contains a comma?)."
                )
                % {"cells": len(cells), "columns": width},
            )
            continue
        else:
            data = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        if not any(data.values()):
            continue
        yield Row(name, start, data)
    if header is None and not broken:
        problems.add(None, None, _("the file is empty, the header line is missing."), file=name)


def _csv_problem(error: csv.Error) -> str:
    """The user's words for what the csv module could not parse."""
    reason = str(error)
    if "field larger than field limit" in reason:
        return _("a cell is longer than %(limit)s characters; a figure's text or comment cannot be that long.") % {
            "limit": _grouped(MAX_CELL_CHARS)
        }
    if "unexpected end of data" in reason:
        return _(
            'a quoted cell that starts in this row is never closed: a «"» is missing (the file ends inside the cell).'
        )
    return _(
        'the row is not valid CSV (%(reason)s): a «"» inside a cell must be doubled, and a quoted cell must '
        "be followed by a comma or the end of the line."
    ) % {"reason": reason}


def _grouped(count: int) -> str:
    """A count with Vietnamese thousands dots (131.072); ktxh.numbers is a layer of its own, not imported here."""
    return f"{count:,}".replace(",", ".")


def check_lengths(rows: list[Row], problems: Problems, model, columns) -> None:
    """Refuse cells longer than the model field they are stored in, before anything is written.

    ``columns`` names the columns whose text is stored as it is: a list of names that are also the model's field
    names, or a dict {column: field name}. The limit is read from the field's ``max_length``, so the file is
    refused the same way on SQLite (which would keep any length) and PostgreSQL (which would refuse the whole
    transaction without naming the file or the line). Columns that are converted before they are stored (a period
    label, a code looked up) are checked by their own parsing, not here.
    """
    limits = field_limits(model, columns)
    for row in rows:
        check_row_lengths(row, limits, problems)


def field_limits(model, columns) -> dict[str, int]:
    """{column: the ``max_length`` of its model field} for :func:`check_row_lengths` (see :func:`check_lengths`)."""
    mapping = columns if isinstance(columns, dict) else {c: c for c in columns}
    limits = {column: model._meta.get_field(field).max_length for column, field in mapping.items()}
    return {column: limit for column, limit in limits.items() if limit is not None}


def check_row_lengths(row: Row, limits: dict[str, int], problems: Problems) -> None:
    """:func:`check_lengths` for one row (a loader that streams its rows checks them one at a time)."""
    data = row.data
    for column, limit in limits.items():
        text = data.get(column)
        if text and len(text) > limit:
            problems.add(
                row,
                column,
                _("the text has %(length)s characters; at most %(limit)d are allowed.")
                % {"length": _grouped(len(data[column])), "limit": limit},
            )


def check_code(row: Row, column: str, problems: Problems, required: bool = True) -> str:
    value = row[column]
    if not value:
        if required:
            problems.add(row, column, _("the code is missing."))
        return ""
    if not CODE_PATTERN.fullmatch(value):
        problems.add(
            row,
            column,
            _("the code «%(code)s» may only contain unaccented letters, digits, «_», «-», «.».") % {"code": value},
        )
    return value


def parse_decimal(row: Row, column: str, problems: Problems) -> Decimal | None:
    """A plain number with a dot as decimal separator; empty → None. Only the ASCII digits 0–9: ``Decimal()`` alone
    would read ``1_000`` and full-width ``１２３`` as numbers, which a person who typed them did not mean as a plain
    number (and which no other program reading the file would read the same way)."""
    text = row[column]
    if not text:
        return None
    if _SIMPLE_NUMBER.fullmatch(text):
        return Decimal(text)
    if "," in text or " " in text:
        problems.add(
            row,
            column,
            _("«%(text)s» is not a plain number: use a decimal point and no thousands separator (for example 1134.31).")
            % {"text": text},
        )
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        problems.add(row, column, _("«%(text)s» is not a number.") % {"text": text})
        return None
    if not value.is_finite():
        problems.add(row, column, _("«%(text)s» is not a finite number.") % {"text": text})
        return None
    if not PLAIN_NUMBER.fullmatch(text):
        problems.add(
            row,
            column,
            _(
                "«%(text)s» is not a plain number: write it with the digits 0–9 only, without "
                "«_» or full-width digits (for example 1134.31)."
            )
            % {"text": text},
        )
        return None
    too_many_digits = _(
        "«%(text)s» has more than %(digits)d significant digits, more than every "
        "database keeps exactly; use a larger unit (tỷ đồng rather than đồng)."
    ) % {"text": text, "digits": MAX_DIGITS}
    if value.adjusted() >= MAX_DIGITS:  # checked first: normalize() itself overflows on 1e1000000
        problems.add(row, column, too_many_digits)
        return None
    _sign, digits, exponent = value.normalize().as_tuple()
    decimals = max(-exponent, 0)
    if decimals > MAX_DECIMALS:
        problems.add(
            row,
            column,
            _("«%(text)s» has more than %(places)d decimal places.") % {"text": text, "places": MAX_DECIMALS},
        )
        return None
    if len(digits) + max(exponent, 0) > MAX_DIGITS:
        problems.add(row, column, too_many_digits)
        return None
    return value


def parse_date(row: Row, column: str, problems: Problems) -> dt.date | None:
    text = row[column]
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.add(
            row, column, _("«%(text)s» is not a date in the form YYYY-MM-DD (for example 2025-07-01).") % {"text": text}
        )
        return None


def parse_choice(row: Row, column: str, choices, problems: Problems, default: str | None = None) -> str:
    text = row[column] or (default or "")
    valid = [c.value if hasattr(c, "value") else c for c in choices]
    if text not in valid:
        problems.add(
            row,
            column,
            _("«%(text)s» is not valid; choose one of: %(choices)s.") % {"text": text, "choices": ", ".join(valid)},
        )
        return default or ""
    return text


def find_cycle(edges: dict[str, list[str]]) -> list[str] | None:
    """A cycle in a directed graph given as {node: [nodes it points to]}, or None."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = {node: WHITE for node in edges}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = GREY
        stack.append(node)
        for nxt in edges.get(node, []):
            if colour.get(nxt, WHITE) == GREY:
                return [*stack[stack.index(nxt) :], nxt]
            if colour.get(nxt, WHITE) == WHITE and nxt in edges:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        colour[node] = BLACK
        return None

    for node in list(edges):
        if colour[node] == WHITE:
            found = visit(node)
            if found:
                return found
    return None
