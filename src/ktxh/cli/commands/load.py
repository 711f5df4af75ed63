"""``ktxh load FOLDER [--catalog DIR | --no-catalog]``: load a data set (units.csv, links.csv, values/), all or
nothing."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from ktxh.cli.base import UserError, migrate, timed


def register(subparsers) -> None:
    parser = subparsers.add_parser("load", help=_("load a data set (units.csv, links.csv, values/)"))
    parser.add_argument("folder")
    parser.add_argument("--catalog", help=_("indicator catalog folder (default: the catalog shipped with ktxh)"))
    parser.add_argument("--no-catalog", action="store_true", help=_("do not load the catalog again"))
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.datasets import CATALOG_DIR, load_dataset

    folder = Path(args.folder)
    if not (folder / "units.csv").exists():
        raise UserError(
            _("«%(folder)s» is not a data set folder: units.csv is missing (see docs/data-format.md).")
            % {"folder": folder}
        )
    migrate()
    catalog = None if args.no_catalog else Path(args.catalog or CATALOG_DIR)
    with timed("load", folder=str(folder)) as counts:
        summary = counts["summary"] = load_dataset(folder, catalog=catalog)
    print(_("Loaded: %(summary)s.") % {"summary": summary})
    return 0
