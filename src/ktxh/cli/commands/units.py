"""``ktxh units --format csv [-o FILE]``: the units with their parents and validity."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ktxh.cli.base import output, require_schema


def register(subparsers) -> None:
    parser = subparsers.add_parser("units", help=_("list the units"))
    parser.add_argument("--format", choices=["csv"], default="csv")
    parser.add_argument("-o", "--output")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.exchange.csvfile import write_units
    from ktxh.units.models import OrgUnit

    require_schema()
    with output(args.output) as out:
        write_units(out, OrgUnit.objects.select_related("parent").order_by("path"))
    return 0
