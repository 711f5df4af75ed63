"""The exchange formats, registered in one place (as pretix registers its exporters): each format is a module of
:mod:`ktxh.exchange` that says which files it reads and how it writes.

:func:`import_file` is what ``ktxh import``, the web's import page and the API call: it recognises the format of a
file, reads it into the values loader's columns and loads it through :func:`ktxh.values.loader.load_rows`, all or
nothing, with the file's name and the user in the change log. :func:`preview` is the same without writing, with
the lists of new, changed and unchanged figures for a page to show before the user confirms.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ktxh.datafiles import Problems, Row
from ktxh.exchange import limits


@dataclass(frozen=True)
class Format:
    code: str
    name: str
    extensions: tuple[str, ...]
    #: Whether this format reads a file (by its name and first bytes).
    recognises: Callable[[Path, bytes], bool]
    #: Read a file into rows of the loader's columns, adding problems (never raising). An iterable: a format that
    #: can be read a row at a time (CSV) is streamed into the loader, never held whole.
    read: Callable[[Path, Problems], Iterable[Row]]
    #: Aliases {loader column: the file's column} for the messages.
    aliases: dict | None = None


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    FORMATS[fmt.code] = fmt
    return fmt


def _header(head: bytes) -> list[str]:
    line = head.decode("utf-8-sig", errors="replace").splitlines()[0] if head else ""
    return [h.strip().lower() for h in next(csv.reader([line]), [])]


def _is_ktxh_csv(path: Path, head: bytes) -> bool:
    from ktxh.exchange.csvfile import VALUE_COLUMNS

    return path.suffix.lower() == ".csv" and _header(head) == VALUE_COLUMNS


def _is_dhis2_csv(path: Path, head: bytes) -> bool:
    return path.suffix.lower() == ".csv" and _header(head)[:3] == ["dataelement", "period", "orgunit"]


def _read_ktxh_csv(path: Path, problems: Problems) -> Iterable[Row]:
    from ktxh.exchange.csvfile import read_export

    return read_export(path, problems)


def _read_xlsx(path: Path, problems: Problems) -> list[Row]:
    from ktxh.exchange.xlsx_import import prepare, read_xlsx

    return prepare(read_xlsx(path, problems), problems)


def _read_sheet_csv(path: Path, problems: Problems) -> list[Row]:
    from ktxh.exchange.xlsx_import import prepare, read_csv_sheet

    return prepare(read_csv_sheet(path, problems), problems)


def _read_dhis2_json(path: Path, problems: Problems) -> list[Row]:
    from ktxh.exchange.dhis2 import read_json

    return read_json(path, problems)


def _read_dhis2_csv(path: Path, problems: Problems) -> Iterable[Row]:
    from ktxh.exchange.dhis2 import read_csv

    return read_csv(path, problems)


register(
    Format(
        "csv",
        "ktxh CSV (ktxh export)",
        (".csv",),
        _is_ktxh_csv,
        _read_ktxh_csv,
        {"org_unit": "org_unit_code", "indicator": "indicator_code"},
    )
)
register(
    Format(
        "dhis2-csv",
        "DHIS2 dataValueSets CSV",
        (".csv",),
        _is_dhis2_csv,
        _read_dhis2_csv,
        {"org_unit": "orgunit", "indicator": "dataelement", "disaggregation": "catoptcombo"},
    )
)
register(
    Format(
        "dhis2-json",
        "DHIS2 dataValueSets JSON",
        (".json",),
        lambda path, head: path.suffix.lower() == ".json",
        _read_dhis2_json,
        {"org_unit": "orgUnit", "indicator": "dataElement", "disaggregation": "categoryOptionCombo"},
    )
)
register(
    Format(
        "xlsx",
        "Excel (.xlsx)",
        (".xlsx", ".xlsm"),
        lambda path, head: path.suffix.lower() in (".xlsx", ".xlsm"),
        _read_xlsx,
    )
)
register(
    Format(
        "sheet-csv",
        "CSV with a header row",
        (".csv",),
        lambda path, head: path.suffix.lower() == ".csv",
        _read_sheet_csv,
    )
)


def format_of(path: Path) -> Format | None:
    with path.open("rb") as handle:
        head = handle.read(4096)
    return next((fmt for fmt in FORMATS.values() if fmt.recognises(path, head)), None)


def read(path: Path, problems: Problems | None = None) -> tuple[Iterable[Row], Problems]:
    """The rows of a file in any registered format (an iterable, consumed once: the reader adds the problems it
    finds to ``problems`` while it is read); raises LoadError at once for a file of no known format."""
    path = Path(path)
    problems = problems or Problems()
    if not limits.check_size(path, problems):  # every format, before any reader opens the file
        problems.raise_if_any()
    fmt = format_of(path)
    if fmt is None:
        problems.add(
            None,
            None,
            _("ktxh cannot read «%(suffix)s» files; use .xlsx, .csv or DHIS2 .json.")
            % {"suffix": path.suffix or path.name},
            file=path.name,
        )
        problems.raise_if_any()
    problems.aliases.update(fmt.aliases or {})
    rows = fmt.read(path, problems)
    return rows, problems


def import_file(
    path: Path,
    dry_run: bool = False,
    user=None,
    name: str | None = None,
    preview: bool = False,
    who: str | None = None,
    expect: str | None = None,
):
    """Load a file (any registered format) all or nothing; the change log names ``user`` (or the command line)
    and the file. ``name`` is the file's name as the user knows it (an upload is stored under another one).
    ``who`` names a command-line user (the system account). ``expect`` is the :func:`fingerprint` of the preview
    the user confirmed: the figures are locked, planned again, and if the plan differs :class:`PreviewChanged`
    is raised with the new preview instead of writing. Returns a :class:`~ktxh.values.loader.ValuesSummary`;
    raises LoadError."""
    from ktxh.history.actor import acting_as
    from ktxh.values.loader import load_rows

    path = Path(path)
    rows, problems = read(path)
    if user is not None:
        rows = in_scope(rows, user, problems)
    shown = name or path.name
    if user is not None and getattr(user, "is_authenticated", False):
        who = user.get_username()
    label = (
        _("import of %(file)s by %(user)s") % {"file": shown, "user": who}
        if who
        else _("import of %(file)s") % {"file": shown}
    )
    with acting_as(user=user, name=label):
        if expect is None or dry_run or preview:
            return load_rows(rows, problems, dry_run=dry_run or preview, details=preview)
        rows = list(rows)  # read twice: planned again, then written (a file a person sent, already previewed)
        with transaction.atomic():
            _lock_stored(rows)
            planned = load_rows(rows, problems, dry_run=True, details=True)
            if fingerprint(planned) != expect:
                raise PreviewChanged(planned)
            return load_rows(rows, problems)


class PreviewChanged(Exception):
    """The stored figures a confirmed import would touch changed since its preview; nothing was written.
    ``summary`` is the new preview."""

    def __init__(self, summary):
        super().__init__(_("the stored figures changed since the preview; nothing was written."))
        self.summary = summary


def preview(path: Path, user=None, name: str | None = None):
    """What importing ``path`` would do, without writing: a summary whose ``new``, ``changed`` (with the values
    before) and ``same`` lists name the figures. For the web's import page, before it confirms with
    :func:`import_file` and ``expect=fingerprint(summary)``. Raises LoadError with every problem of the file."""
    return import_file(path, user=user, name=name, preview=True)


def fingerprint(summary) -> str:
    """A digest of what a preview showed: which figures would be created, and the stored state of those that
    would change or stay. Equal digests mean that confirming writes what the preview showed."""
    from ktxh.history.recorder import snapshot
    from ktxh.values.loader import value_key

    digest = hashlib.sha256()
    parts = [("new", value_key(v), None) for v in summary.new or []]
    parts += [("changed", value_key(v), before) for v, before in summary.changed or []]
    parts += [("same", value_key(v), snapshot(v)) for v in summary.same or []]
    for part in sorted(parts, key=repr):
        digest.update(json.dumps(part, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _lock_stored(rows: list[Row]) -> None:
    """Lock the stored figures of the file's units and periods until the transaction ends (PostgreSQL; SQLite's
    immediate transactions already serialise writers), so that the check against the preview and the write see
    the same figures."""
    from ktxh.values.models import DataValue

    units = {row["org_unit"] for row in rows}
    periods = {row["period"] for row in rows}
    list(
        DataValue.objects.select_for_update()
        .filter(org_unit__code__in=units, period__in=periods)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def in_scope(rows: Iterable[Row], user, problems: Problems) -> Iterator[Row]:
    """The rows, each passed on as it is read (a file is streamed, never held), with a problem for each the user may
    not import (the one permission check): a user imports only into the units they may enter figures for and, when
    their grant is limited to sectors, only the indicators of those sectors (:func:`ktxh.figures.scope.sector_scope`
    with the action of entering, asked once per unit)."""
    from ktxh.catalog.models import Indicator, Sector
    from ktxh.figures.scope import SectorScope, sector_scope
    from ktxh.units.models import OrgUnit
    from ktxh.units.scoping import Action, units_for

    allowed = set(units_for(user, Action.ENTER).values_list("code", flat=True))
    scopes: dict[str, SectorScope | None] = {}
    #: {indicator code: its sector id} and {sector id: name}, read when a unit's scope is first narrowed
    sector_of: dict[str, int] | None = None
    sector_names: dict[int, str] = {}
    for row in rows:
        code, indicator = row["org_unit"], row["indicator"]
        if code and code not in allowed:
            problems.add(row, "org_unit", _("you may not enter figures for unit «%(code)s».") % {"code": code})
        elif code and indicator:
            if code not in scopes:
                unit = OrgUnit.objects.filter(code=code).first()
                scopes[code] = sector_scope(user, unit, Action.ENTER) if unit is not None else None
            scope = scopes[code]
            if scope is not None and not scope.whole:
                if sector_of is None:
                    sector_of = dict(Indicator.objects.values_list("code", "sector_id"))
                    sector_names = dict(Sector.objects.values_list("pk", "name"))
                sector_id = sector_of.get(indicator)
                if sector_id is not None and not scope.has_sector(sector_id):
                    problems.add(
                        row,
                        "indicator",
                        _("you may not enter figures of the sector «%(sector)s» (indicator «%(code)s»).")
                        % {"sector": sector_names[sector_id], "code": indicator},
                    )
        yield row


def check_scope(rows: Iterable[Row], user, problems: Problems) -> None:
    """:func:`in_scope` for rows already in hand (the API's figures): the problems are added, nothing is returned."""
    for _row in in_scope(rows, user, problems):
        pass
