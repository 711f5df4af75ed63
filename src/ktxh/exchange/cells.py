"""Numbers in files people send: which notation a cell is written in, decided per column.

Spreadsheets and CSV files from communes mix two notations: the Vietnamese one («1.234,5», «26,5», «4.426») and the
decimal point of software set up in English («1134.31», «1,234.5»). Each cell is read by the one strict parser of
each notation (:func:`ktxh.numbers.parse_number` for the Vietnamese one, :func:`ktxh.datafiles.parse_decimal` for the
decimal point), never by a third one. The rules, in order (docs/data-format.md repeats them):

1. A cell typed as a number in the spreadsheet is that number; nothing to decide.
2. A text cell that only one notation reads is read that way: «26,5» and «1.234,5» are Vietnamese, «1134.31» and
   «1,234.5» are written with a decimal point, «12» is twelve in both.
3. A text cell that both read with different values («4.426»: 4426 or 4,426; «12,500»: 12,5 or 12500) is decided
   by the other cells of the same column: if they show only one notation (by rule 2), that one is used.
4. Otherwise, by the indicator's value type: an indicator of whole numbers takes the reading that is whole.
5. Otherwise the cell is ambiguous and reported with both readings: it is never guessed.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from ktxh.datafiles import Problems, Row, parse_decimal
from ktxh.numbers import format_number, parse_number
from ktxh.values.models import plain_number

#: A row's key listing its number columns that were typed as numbers in a spreadsheet (nothing to decide).
TYPED = "_typed"
VI = "vi"
POINT = "point"
# «1,234,567.5»: commas grouping thousands in the decimal-point notation (stripped before the plain parser).
_POINT_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", re.ASCII)


def readings(text: str) -> dict[str, Decimal]:
    """{notation: value} for every notation that reads ``text`` (empty when none does)."""
    found: dict[str, Decimal] = {}
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    with contextlib.suppress(ValueError):
        found[VI] = parse_number(cleaned)
    plain = cleaned.replace(",", "") if _POINT_GROUPED.fullmatch(cleaned) else cleaned
    if "," not in plain:
        quiet = Problems()
        value = parse_decimal(Row("", 0, {"v": plain}), "v", quiet)
        if value is not None and not quiet and "e" not in plain.lower():
            found[POINT] = value
    return found


def column_notation(texts: Iterable[str]) -> str | None:
    """The one notation the unambiguous cells of a column show (rule 2), or None (none, or both)."""
    seen: set[str] = set()
    for text in texts:
        found = readings(text)
        if len(found) == 1:
            seen.add(next(iter(found)))
        elif len(found) == 2 and found[VI] != found[POINT]:
            continue
        if len(seen) > 1:
            return None
    return seen.pop() if len(seen) == 1 else None


def resolve(text: str, notation: str | None, whole: bool) -> tuple[Decimal | None, str | None]:
    """(value, None) or (None, the reason in the user's language) for one text cell (rules 2–5)."""
    found = readings(text)
    if not found:
        return None, _("«%(text)s» is not a number (write it like 1.234,5 or 1234.5).") % {"text": text}
    values = set(found.values())
    if len(values) == 1:
        return values.pop(), None
    if notation in found:
        return found[notation], None
    if whole:
        integral = {v for v in values if v == v.to_integral_value()}
        if len(integral) == 1:
            return integral.pop(), None
    return None, _(
        "«%(text)s» is ambiguous: it may be %(vi)s (Vietnamese notation) or %(point)s (decimal point), "
        "and the other cells of the column do not tell which; write «%(vi)s» or «%(point)s»."
    ) % {
        "text": text,
        "vi": format_number(found[VI], grouping=False),
        "point": format_number(found[POINT], grouping=False),
    }


def typed_number(value: float | int) -> Decimal:
    """A number cell of a spreadsheet (a binary float) as the decimal a person sees: Excel keeps and shows 15
    significant digits, so 1134.31 stays 1134.31 and 4.029999999999999 (a sum) is 4.03."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(format(value, ".15g"))


def normalise_numbers(rows: list[Row], columns: Iterable[str], whole_of, problems: Problems) -> None:
    """Rewrite the number columns of ``rows`` (text as read from a file) as plain numbers for the values loader.

    ``whole_of(row)`` says whether the row's indicator takes whole numbers. Cells that cannot be decided are
    reported on ``problems`` and emptied so that the loader does not report them twice."""
    for column in columns:
        by_file: dict[str, list[Row]] = {}
        for row in rows:
            if row[column] and column not in row[TYPED].split(";"):
                by_file.setdefault(row.file, []).append(row)
        for file_rows in by_file.values():
            notation = column_notation(row[column] for row in file_rows)
            for row in file_rows:
                value, reason = resolve(row[column], notation, whole_of(row))
                if reason:
                    problems.add(row, column, reason)
                    row.data[column] = ""
                else:
                    row.data[column] = plain_number(value)
