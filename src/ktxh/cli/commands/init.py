"""``ktxh init``: create or upgrade the database schema."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ktxh.cli.base import migrate


def register(subparsers) -> None:
    parser = subparsers.add_parser("init", help=_("create or upgrade the database"))
    parser.set_defaults(func=run)


def run(args) -> int:
    migrate(verbose=True)
    print(_("The database is ready."))
    return 0
