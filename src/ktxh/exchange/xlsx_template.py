"""Excel templates for entering a unit's figures of one period: ``ktxh template`` and the web's download.

One sheet per sector, Vietnamese headers, the codes in hidden locked columns, a drop-down for the kind of figure,
numeric validation (whole numbers where the indicator takes them), the unit of measure, last year's figure and this
year's target for reference. The sheet is protected (without a password) so that only the kind, the value and the
comment can be typed; the file imports back with ``ktxh import`` (:mod:`ktxh.exchange.xlsx_import`).
"""

from __future__ import annotations

import re
from typing import BinaryIO

import xlsxwriter
from django.utils.translation import gettext as _

from ktxh.catalog.models import Indicator, Sector
from ktxh.exchange.sheets import ENTERED, HIDDEN, TEMPLATE_COLUMNS
from ktxh.figures import statements
from ktxh.figures.labels import Labels
from ktxh.figures.scope import EVERY_SECTOR, SectorScope
from ktxh.periods import Period
from ktxh.units.models import OrgUnit

NUMBER_FORMAT = "#,##0.######"  # Excel shows it with the reader's separators (1.234,5 on a Vietnamese system)
WIDTHS = {
    "-name": 48,
    "-breakdown": 22,
    "unit": 10,
    "-previous": 14,
    "-target": 16,
    "kind": 16,
    "value": 14,
    "comment": 30,
}


def _sheet_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Sheet"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _rows_of(indicator: Indicator, labels: Labels) -> list[tuple[str, str]]:
    """(disaggregation code, its label): the total, then each option of a single-dimension breakdown."""
    rows = [("", "")]
    dimensions = list(indicator.dimensions.all())
    if len(dimensions) == 1:
        for code, name in labels.options.get(dimensions[0].code, []):
            rows.append((f"{dimensions[0].code}={code}", name))
    return rows


def write(
    unit: OrgUnit, period: Period, sector: Sector | None, out: BinaryIO | str, scope: SectorScope = EVERY_SECTOR
) -> int:
    """Write the template of ``unit`` for ``period`` (one sector and its subsectors, or all) to ``out`` (a path or
    a binary file object). Returns the number of rows to fill in. ``scope``: only the sectors a user may enter
    figures of (:func:`ktxh.figures.scope.sector_scope`): the sheets carry last year's figures and the targets."""
    sectors = scope.sectors(Sector.objects.all())
    if sector is not None:
        sectors = [s for s in sectors if s.sort_key == sector.sort_key or s.sort_key.startswith(sector.sort_key + ".")]
    indicators = (
        Indicator.objects.filter(sector__in=sectors)
        .select_related("unit", "sector")
        .prefetch_related("dimensions")
        .order_by("sector__sort_key", "order", "code")
    )
    by_sector: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        by_sector.setdefault(indicator.sector_id, []).append(indicator)
    labels = Labels.current()
    previous, targets = _reference(unit, period)

    workbook = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    workbook.set_properties(
        {
            "title": _("Figures of %(unit)s, %(period)s") % {"unit": unit.name, "period": period.label},
            "comments": f"ktxh template {unit.code} {period.code}",
        }
    )
    header = workbook.add_format(
        {
            "bold": True,
            "text_wrap": True,
            "valign": "vcenter",
            "align": "center",
            "bg_color": "#DDEBF7",
            "border": 1,
            "locked": True,
        }
    )
    locked = workbook.add_format({"locked": True, "text_wrap": True, "valign": "top"})
    locked_number = workbook.add_format({"locked": True, "num_format": NUMBER_FORMAT, "valign": "top"})
    entry = workbook.add_format({"locked": False, "bg_color": "#FFF2CC", "border": 1})
    entry_number = workbook.add_format(
        {"locked": False, "bg_color": "#FFF2CC", "border": 1, "num_format": NUMBER_FORMAT}
    )
    kinds = [_("Actual").lower().capitalize(), _("Estimate").lower().capitalize()]
    count = 0
    taken: set[str] = set()
    for sec in sectors:
        members = by_sector.get(sec.pk)
        if not members:
            continue
        sheet = workbook.add_worksheet(_sheet_name(sec.name, taken))
        sheet.protect("", {"format_columns": True, "format_rows": True, "autofilter": True})
        sheet.freeze_panes(1, 0)
        sheet.set_row(0, 32)
        for col, (key, title) in enumerate(TEMPLATE_COLUMNS):
            sheet.write_string(0, col, str(title), header)
            if key in HIDDEN:
                sheet.set_column(col, col, 12, locked, {"hidden": True})
            else:
                sheet.set_column(col, col, WIDTHS.get(key, 14), None if key in ENTERED else locked)
        sheet.write_comment(
            0,
            0,
            _(
                "Template of %(unit)s (%(code)s) for %(period)s. Fill in the yellow cells; the "
                "hidden columns hold the codes ktxh reads back."
            )
            % {"unit": unit.name, "code": unit.code, "period": period.label},
        )
        row = 0
        for indicator in members:
            for disaggregation, breakdown in _rows_of(indicator, labels):
                row += 1
                key = (indicator.pk, disaggregation)
                cells = {
                    "org_unit": unit.code,
                    "period": period.code,
                    "indicator": indicator.code,
                    "disaggregation": disaggregation,
                    "-name": indicator.name,
                    "-breakdown": breakdown,
                    "unit": indicator.unit.symbol if indicator.unit_id else "",
                }
                for col, (name, _title) in enumerate(TEMPLATE_COLUMNS):
                    if name in cells:
                        sheet.write_string(row, col, cells[name], locked)
                    elif name == "-previous" and previous.get(key) is not None:
                        _write_reference(sheet, row, col, previous[key], locked, locked_number)
                    elif name == "-target" and targets.get(key) is not None:
                        _write_reference(sheet, row, col, targets[key], locked, locked_number)
                    elif name == "kind":
                        sheet.write_string(row, col, kinds[0], entry)
                        sheet.data_validation(
                            row,
                            col,
                            row,
                            col,
                            {
                                "validate": "list",
                                "source": kinds,
                                "error_title": _("Kind of figure"),
                                "error_message": _("Choose from the list."),
                            },
                        )
                    elif name == "value":
                        sheet.write_blank(row, col, None, entry_number if not indicator.is_qualitative else entry)
                        if not indicator.is_qualitative:
                            whole = indicator.value_type == "integer"
                            sheet.data_validation(
                                row,
                                col,
                                row,
                                col,
                                {
                                    "validate": "integer" if whole else "decimal",
                                    "criteria": "between",
                                    "minimum": -1e15,
                                    "maximum": 1e15,
                                    "error_title": _("Value"),
                                    "error_message": _("Type a whole number.") if whole else _("Type a number."),
                                },
                            )
                    elif name == "comment":
                        sheet.write_blank(row, col, None, entry)
                count += 1
        sheet.autofilter(0, 0, row, len(TEMPLATE_COLUMNS) - 1)
    if not taken:
        sheet = workbook.add_worksheet(_sheet_name(_("Figures"), taken))
        for col, (_key, title) in enumerate(TEMPLATE_COLUMNS):
            sheet.write_string(0, col, str(title), header)
    workbook.close()
    return count


def _write_reference(sheet, row, col, statement, text_format, number_format) -> None:
    if statement.value is not None:
        sheet.write_number(row, col, float(statement.value), number_format)
    else:
        sheet.write_string(row, col, statement.text, text_format)


def _reference(unit: OrgUnit, period: Period):
    """({(indicator id, disaggregation): last year's figure in use}, {…: this year's first target})."""
    last_year = period.previous_year()
    previous: dict = {}
    targets: dict = {}
    found = statements.load(unit_ids=[unit.pk], periods=[last_year.code, period.code])
    for statement in sorted(found, key=lambda s: s.order):
        key = (statement.indicator_id, statement.disaggregation)
        if statement.period == last_year.code and statement.in_use:
            previous.setdefault(key, statement)
        elif statement.period == period.code and statement.kind == "target" and not statement.variant:
            targets.setdefault(key, statement)
    return previous, targets
