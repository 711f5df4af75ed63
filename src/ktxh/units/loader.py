"""Load administrative units and their lineage links from ``units.csv`` and ``links.csv``.

Checked whole before writing: unknown parent, duplicate code, cycle, bad dates, a child valid outside its parent,
a link to an unknown unit or with a share outside 0–1. Upsert by code, so loading twice changes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ktxh.datafiles import (
    Problems,
    Row,
    check_code,
    check_lengths,
    find_cycle,
    parse_choice,
    parse_date,
    parse_decimal,
    read_table,
)
from ktxh.units.models import OrgUnit, UnitLink, UnitType, child_outside_message, outside_parent

UNIT_COLUMNS = ["code", "name", "type", "parent", "valid_from", "valid_to", "official_code"]
LINK_COLUMNS = ["predecessor", "successor", "date", "kind", "share"]


def load_units(units_file: Path, links_file: Path | None = None, display_root: Path | None = None) -> tuple[int, int]:
    """Returns (units, links) loaded. Raises :class:`ktxh.datafiles.LoadError`."""
    problems = Problems()
    rows = read_table(Path(units_file), UNIT_COLUMNS, ["code", "name", "type"], problems, display_root)
    link_rows = (
        read_table(Path(links_file), LINK_COLUMNS, ["predecessor", "successor", "date", "kind"], problems, display_root)
        if links_file and Path(links_file).exists()
        else []
    )
    check_lengths(rows, problems, OrgUnit, ["code", "name", "official_code"])
    problems.raise_if_any()

    by_code: dict[str, Row] = {}
    for row in rows:
        code = check_code(row, "code", problems)
        if code in by_code:
            first = by_code[code]
            problems.add(
                row,
                "code",
                _("unit code «%(code)s» is repeated (already in %(file)s, line %(line)s).")
                % {"code": code, "file": first.file, "line": first.line},
            )
        elif code:
            by_code[code] = row
        if not row["name"]:
            problems.add(row, "name", _("the unit name is missing."))
        parse_choice(row, "type", UnitType, problems)
    existing = {u.code: u for u in OrgUnit.objects.select_related("parent")}
    dates: dict[str, tuple] = {}
    for code, row in by_code.items():
        start, end = parse_date(row, "valid_from", problems), parse_date(row, "valid_to", problems)
        if start and end and start > end:
            problems.add(
                row,
                "valid_to",
                _("the end date %(end)s is before the start date %(start)s.")
                % {"end": f"{end:%d/%m/%Y}", "start": f"{start:%d/%m/%Y}"},
            )
        dates[code] = (start, end)
    for code, row in by_code.items():
        parent = row["parent"]
        if not parent:
            continue
        if parent not in by_code and parent not in existing:
            problems.add(row, "parent", _("the parent unit «%(code)s» is not in the units file.") % {"code": parent})
            continue
        start, end = dates[code]
        p_start, p_end = (
            dates[parent] if parent in by_code else (existing[parent].valid_from, existing[parent].valid_to)
        )
        field = outside_parent(start, end, p_start, p_end)
        if field == "valid_from":
            problems.add(
                row,
                "valid_from",
                _("the unit is valid before its parent unit «%(parent)s» (from %(start)s).")
                % {"parent": parent, "start": f"{p_start:%d/%m/%Y}"},
            )
        elif field == "valid_to":
            problems.add(
                row,
                "valid_to",
                _("the unit is still valid after its parent unit «%(parent)s» ends (%(end)s).")
                % {"parent": parent, "end": f"{p_end:%d/%m/%Y}"},
            )
    _check_stored_children(by_code, dates, existing, problems)
    # The tree as it will be: the stored units' parents, replaced by the file's. A unit put under one of its stored
    # descendants is a loop even though the descendant is not in the file.
    tree = {
        code: [parent]
        for code, parent in OrgUnit.objects.filter(parent__isnull=False).values_list("code", "parent__code")
    }
    tree.update({code: [row["parent"]] if row["parent"] else [] for code, row in by_code.items()})
    cycle = find_cycle(tree)
    if cycle:
        loop = cycle[:-1]
        at = next(i for i, code in enumerate(loop) if code in by_code)  # said at a row of the file
        loop = loop[at:] + loop[:at]
        problems.add(
            by_code[loop[0]], "parent", _("loop in the unit tree: %(cycle)s.") % {"cycle": " → ".join(loop + loop[:1])}
        )

    seen_links: dict[tuple[str, str], Row] = {}
    for row in link_rows:
        for column in ("predecessor", "successor"):
            if row[column] not in by_code and row[column] not in existing:
                problems.add(row, column, _("unit «%(code)s» is not in the units file.") % {"code": row[column]})
        if row["predecessor"] and row["predecessor"] == row["successor"]:
            problems.add(row, "successor", _("a unit cannot succeed itself."))
        pair = (row["predecessor"], row["successor"])
        if pair in seen_links:
            problems.add(
                row,
                "successor",
                _("the link %(predecessor)s → %(successor)s is repeated.")
                % {"predecessor": pair[0], "successor": pair[1]},
            )
        seen_links[pair] = row
        if parse_date(row, "date", problems) is None and not row["date"]:
            problems.add(row, "date", _("the effective date is missing."))
        parse_choice(row, "kind", UnitLink.Kind, problems)
        share = parse_decimal(row, "share", problems)
        if share is not None and not (0 <= share <= 1):
            problems.add(row, "share", _("the share %(share)s must be between 0 and 1.") % {"share": row["share"]})
    # The shares of one predecessor cannot add to more than the whole of it.
    totals: dict[str, Decimal] = {}
    for row in link_rows:
        share = parse_decimal(row, "share", Problems())
        totals[row["predecessor"]] = totals.get(row["predecessor"], Decimal(0)) + (
            share if share is not None else Decimal(1)
        )
    for code, total in totals.items():
        if total > 1:
            row = next(r for r in link_rows if r["predecessor"] == code)
            problems.add(
                row,
                "share",
                _("the shares transferred from «%(code)s» to new units add up to %(total)s, more than 1.")
                % {"code": code, "total": total},
            )
    problems.raise_if_any()

    with transaction.atomic():
        units = _write_units(by_code, dates, existing)
        links = _write_links(link_rows, units)
    return len(by_code), links


def _check_stored_children(
    by_code: dict[str, Row], dates: dict[str, tuple], existing: dict[str, OrgUnit], problems: Problems
) -> None:
    """A stored unit that is not in the file keeps its dates and its parent: the file must not move the parent's
    validity away from it (the problem is the parent's row, since that is what changes)."""
    for child in existing.values():
        parent = child.parent
        if child.code in by_code or parent is None or parent.code not in by_code:
            continue
        start, end = dates[parent.code]
        field = outside_parent(child.valid_from, child.valid_to, start, end)
        if field:
            problems.add(by_code[parent.code], field, child_outside_message(field, child.code, start, end))


def _write_units(by_code: dict[str, Row], dates: dict[str, tuple], existing: dict[str, OrgUnit]) -> dict[str, OrgUnit]:
    units = dict(existing)
    # Parents first, so that each save sees its parent's path and validity.
    order: list[str] = []
    placed: set[str] = set()

    def place(code: str) -> None:
        if code in placed:
            return
        parent = by_code[code]["parent"]
        if parent in by_code:
            place(parent)
        placed.add(code)
        order.append(code)

    for code in by_code:
        place(code)
    for code in order:
        row = by_code[code]
        start, end = dates[code]
        fields = {
            "name": row["name"],
            "type": row["type"],
            "valid_from": start,
            "valid_to": end,
            "official_code": row["official_code"],
            "parent": units.get(row["parent"]) if row["parent"] else None,
        }
        unit = units.get(code)
        if unit is None:
            unit = OrgUnit(code=code, **fields)
            unit.save()
        elif any(getattr(unit, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(unit, k, v)
            unit.save()
        units[code] = unit
    return units


def _write_links(rows: list[Row], units: dict[str, OrgUnit]) -> int:
    scratch = Problems()
    for row in rows:
        share = parse_decimal(row, "share", scratch)
        fields = {
            "date": parse_date(row, "date", scratch),
            "kind": row["kind"],
            "share": share if share is not None else Decimal(1),
        }
        link = UnitLink.objects.filter(predecessor=units[row["predecessor"]], successor=units[row["successor"]]).first()
        if link is None:
            UnitLink.objects.create(predecessor=units[row["predecessor"]], successor=units[row["successor"]], **fields)
        elif any(getattr(link, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(link, k, v)
            link.save()
    return len(rows)
