"""``ktxh manage …``: Django's management commands (createsuperuser, migrate, …)."""

from __future__ import annotations

import argparse

from django.utils.translation import gettext as _


def register(subparsers) -> None:
    parser = subparsers.add_parser("manage", help=_("Django management commands (createsuperuser, migrate, …)"))
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    parser.set_defaults(func=run)


def run(args) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ktxh manage", *args.rest])
    return 0
