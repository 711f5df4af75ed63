"""``ktxh catalog load DIR``: load an indicator catalog, all or nothing."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from ktxh.cli.base import migrate, timed


def register(subparsers) -> None:
    parser = subparsers.add_parser("catalog", help=_("load the indicator catalog from a folder"))
    parser.add_argument("action", choices=["load"])
    parser.add_argument("folder")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.catalog.loader import load_catalog
    from ktxh.history.actor import acting_as

    migrate()
    with acting_as(name=_("catalog load")), timed("catalog load", folder=args.folder) as counts:
        summary = counts["summary"] = load_catalog(Path(args.folder))
    print(_("Loaded the catalog: %(summary)s.") % {"summary": summary})
    return 0
