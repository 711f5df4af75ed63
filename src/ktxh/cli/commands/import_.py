"""``ktxh import FILE.csv [--dry-run]``: load a figures export back, all or nothing (the module is ``import_``
because ``import`` is a Python keyword)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from ktxh.cli.base import UserError, migrate, require_schema, timed


def register(subparsers) -> None:
    parser = subparsers.add_parser("import", help=_("import figures from a file written by ktxh export"))
    parser.add_argument("file", help=_("a CSV file with the columns of ktxh export --format csv"))
    parser.add_argument("--dry-run", action="store_true",
                        help=_("check the file and say what would change, without writing anything"))
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.exchange.csvfile import import_values

    path = Path(args.file)
    if not path.is_file():
        raise UserError(_("«%(path)s» is not a file.") % {"path": path})
    if args.dry_run:
        require_schema()  # a dry run writes nothing, not even the schema
    else:
        migrate()
    with timed("import", file=str(path), dry_run=args.dry_run) as counts:
        summary = counts["summary"] = import_values(path, dry_run=args.dry_run)
    if args.dry_run:
        print(_("Dry run, nothing was written: %(summary)s.") % {"summary": summary})
    else:
        print(_("Imported: %(summary)s.") % {"summary": summary})
    return 0
