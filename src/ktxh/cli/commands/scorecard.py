"""``ktxh scorecard --org-unit CODE --period LABEL [--format table|csv|json|xlsx] [-o FILE]``: achievement against every
target, year on year, ranks."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ktxh.cli.base import UserError, output, period_from_label, require_schema, timed, unit_from_code, written_file


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "scorecard", help=_("assess results against the plan and the same period last year, with rankings")
    )
    parser.add_argument("--org-unit", required=True, help=_("unit code"))
    parser.add_argument("--period", required=True, help=_("period: 2023, 2023S1, 2023C9, …"))
    parser.add_argument("--format", choices=["table", "csv", "json", "xlsx"], default="table")
    parser.add_argument("-o", "--output")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.analytics import formats
    from ktxh.analytics.scorecard import build_scorecard

    require_schema()
    unit = unit_from_code(args.org_unit)
    period = period_from_label(args.period)
    writer = formats.WRITERS[args.format]
    if args.format in formats.BINARY and (not args.output or args.output == "-"):
        raise UserError(_("an Excel file cannot be written to the screen: give -o FILE.xlsx."))
    with timed("scorecard", unit=unit.code, period=period.code) as counts:
        card = build_scorecard(unit, period)
        counts["rows"] = len(card.rows)
        if args.format in formats.BINARY:
            with written_file(args.output) as partial:
                writer(str(partial), card)
        else:
            with output(args.output) as out:
                writer(out, card)
    return 0
