"""``ktxh import FILE [--dry-run]``: load figures from a file — a ktxh export (.csv), an Excel template or any
sheet with a header row (.xlsx, .csv), or a DHIS2 dataValueSet (.json, .csv) — all or nothing (the module is
``import_`` because ``import`` is a Python keyword)."""

from __future__ import annotations

import getpass
from pathlib import Path

from django.utils.translation import gettext as _

from ktxh.cli.base import UserError, migrate, require_schema, timed


def register(subparsers) -> None:
    parser = subparsers.add_parser("import", help=_("import figures from a file (CSV, Excel, DHIS2)"))
    parser.add_argument(
        "file",
        help=_(
            "a .csv written by ktxh export, an .xlsx template or sheet with a header "
            "row, or a DHIS2 dataValueSet (.json or .csv)"
        ),
    )
    parser.add_argument(
        "--dry-run", action="store_true", help=_("check the file and say what would change, without writing anything")
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.exchange.registry import import_file

    path = Path(args.file)
    if not path.is_file():
        raise UserError(_("«%(path)s» is not a file.") % {"path": path})
    if args.dry_run:
        require_schema()  # a dry run writes nothing, not even the schema
    else:
        migrate()
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = None
    with timed("import", file=str(path), dry_run=args.dry_run) as counts:
        summary = counts["summary"] = import_file(path, dry_run=args.dry_run, who=who)
    if args.dry_run:
        print(_("Dry run, nothing was written: %(summary)s.") % {"summary": summary})
    else:
        print(_("Imported: %(summary)s.") % {"summary": summary})
    return 0
