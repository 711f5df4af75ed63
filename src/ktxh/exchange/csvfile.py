"""Plain CSV exports of figures and units, with numbers written for machines (``1134.31``), and the import of a
figures export (``ktxh import``).

Export = import: the figures export holds every field of a stored figure that a person entered (the statement, not
a resolved figure), so importing it into a database with the same catalog and units gives the same figures, and
exporting again gives the same file byte for byte. The first eleven columns are those of the first export format,
in the same order, so that readers of that format keep working; the columns after them complete the figure.

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) are written with a leading apostrophe, as OWASP recommends against CSV injection; so that this can be undone
without doubt, a text starting with an apostrophe gets one too. The import removes one leading apostrophe from every
text cell, which gives back exactly what was stored.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from django.utils.translation import gettext as _

from ktxh.catalog.models import Indicator
from ktxh.datafiles import FORMULA_STARTS, Problems, Row, iter_table, neutralise  # noqa: F401 (re-exported)
from ktxh.history.actor import acting_as
from ktxh.periods import Period
from ktxh.units.loader import UNIT_COLUMNS
from ktxh.units.models import OrgUnit
from ktxh.values.loader import ValuesSummary, load_rows
from ktxh.values.models import DataValue, plain_number

VALUE_COLUMNS = [
    "org_unit_code",
    "org_unit_name",
    "indicator_code",
    "indicator_name",
    "disaggregation",
    "period",
    "kind",
    "target_source",
    "value",
    "unit",
    "comment",
    # added so that the file can be loaded back unchanged (ktxh import)
    "target_form",
    "value_high",
    "variant",
    "text",
    "source",
]

#: The import reads the export's columns as the values loader's: {loader column: export column}.
IMPORT_ALIASES = {"org_unit": "org_unit_code", "indicator": "indicator_code"}
#: Export columns for people only: names can change while codes do not, so the import does not read them.
INFORMATIVE = ("org_unit_name", "indicator_name")
#: Free text cells, which may start with what a spreadsheet runs as a formula.
TEXT_COLUMNS = ("org_unit_name", "indicator_name", "comment", "variant", "text", "source")


def values_queryset(org_unit: OrgUnit | None = None, period: Period | None = None):
    """Figures of a unit and everything below it (or all), for one period (or all), in a stable order: every part
    of a figure's identity is in the order, so two databases holding the same figures export the same file."""
    values = DataValue.objects.select_related("indicator", "indicator__unit", "org_unit", "target_source")
    if org_unit is not None:
        values = values.filter(org_unit__path__startswith=org_unit.path)
    if period is not None:
        values = values.for_period(period)
    return values.order_by(
        "org_unit__path",
        "org_unit__code",
        "indicator__order",
        "indicator__code",
        "period",
        "kind",
        "target_source__order",
        "target_source__code",
        "disaggregation",
        "variant",
    )


def restore(text: str) -> str:
    """The inverse of :func:`neutralise` (the import's reading of a text cell)."""
    return text.removeprefix("'")


def value_cells(value: DataValue, number=plain_number) -> list:
    """One stored figure as the cells of :data:`VALUE_COLUMNS`, text neutralised; ``number`` writes the two numbers
    (plain text for CSV; the Excel export keeps them as numbers)."""
    return [
        value.org_unit.code,
        neutralise(value.org_unit.name),
        value.indicator.code,
        neutralise(value.indicator.name),
        value.disaggregation,
        value.period,
        value.kind,
        value.target_source.code if value.target_source else "",
        number(value.value),
        value.indicator.unit.symbol if value.indicator.unit_id else "",
        neutralise(value.comment),
        value.target_form,
        number(value.value_high),
        neutralise(value.variant),
        neutralise(value.text),
        neutralise(value.source),
    ]


def write_values(out: TextIO, values: Iterable[DataValue]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(VALUE_COLUMNS)
    count = 0
    for value in values:
        writer.writerow(value_cells(value))
        count += 1
    return count


def read_export(path: Path, problems: Problems) -> Iterator[Row]:
    """The rows of a figures export (:data:`VALUE_COLUMNS`, all of them) in the loader's columns, one at a time
    (the file is streamed, never held); numbers are read as the export writes them, plain (``1134.31``): a file of
    this format is written by a program."""
    path = Path(path)
    problems.aliases.update(IMPORT_ALIASES)
    renamed = [(export, loader) for loader, export in IMPORT_ALIASES.items()]
    texts = [column for column in TEXT_COLUMNS if column not in INFORMATIVE]
    symbols = _units_of_measure()
    # Every column is required, so every row has them all; the row's cells are renamed in place (a million rows
    # are read: no second dictionary per row).
    for row in iter_table(path, VALUE_COLUMNS, VALUE_COLUMNS, problems):
        data = row.data
        for column in INFORMATIVE:
            del data[column]
        for export, loader in renamed:
            data[loader] = data.pop(export)
        for column in texts:
            if data[column][:1] == "'":
                data[column] = restore(data[column])
        unit = data["unit"]
        if unit and symbols.get(data["indicator"], unit) != unit:
            _check_unit_of_measure(row, symbols, problems)
        yield row


def import_values(path: Path, dry_run: bool = False) -> ValuesSummary:
    """Load a figures export (:data:`VALUE_COLUMNS`, all of them: a file of another format is refused), all or
    nothing, through the values loader's checks. Figures are created or updated, never removed (a figure missing
    from the file stays). The change log names the file. With ``dry_run`` nothing is written. Raises LoadError."""
    path = Path(path)
    problems = Problems()
    rows = read_export(path, problems)
    with acting_as(name=_("import of %(file)s") % {"file": path.name}):
        return load_rows(rows, problems, dry_run=dry_run)


def _units_of_measure() -> dict[str, str]:
    """{indicator code: the symbol of its unit of measure}."""
    return dict(Indicator.objects.filter(unit__isnull=False).values_list("code", "unit__symbol"))


def _check_unit_of_measure(row: Row, symbols: dict[str, str], problems: Problems) -> None:
    """The ``unit`` column is not stored (the indicator has its unit) but must agree: a file that says «tấn» for an
    indicator kept in «tạ» was made for another catalog, and its numbers would be read ten times too small."""
    expected = symbols.get(row["indicator"])
    if row["unit"] and expected is not None and row["unit"] != expected:
        problems.add(
            row,
            "unit",
            _("the file gives the unit «%(unit)s», but indicator «%(code)s» is kept in «%(expected)s».")
            % {"unit": row["unit"], "code": row["indicator"], "expected": expected},
        )


def write_units(out: TextIO, units: Iterable[OrgUnit]) -> int:
    """The units as the units file of a data set (:data:`ktxh.units.loader.UNIT_COLUMNS`): what ``ktxh units``
    writes, ``ktxh load`` reads back."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(UNIT_COLUMNS)
    count = 0
    for unit in units:
        writer.writerow(
            [
                unit.code,
                neutralise(unit.name),
                unit.type,
                unit.parent.code if unit.parent else "",
                unit.valid_from.isoformat() if unit.valid_from else "",
                unit.valid_to.isoformat() if unit.valid_to else "",
                unit.official_code,
            ]
        )
        count += 1
    return count
