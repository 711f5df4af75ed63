"""``ktxh scorecard --org-unit CODE --period LABEL [--format table|csv|json] [-o FILE]``: achievement against every
target, year on year, ranks."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ktxh.cli.base import output, period_from_label, require_schema, timed, unit_from_code


def register(subparsers) -> None:
    parser = subparsers.add_parser("scorecard", help=_("assess results against the plan and the same period last "
                                                       "year, with rankings"))
    parser.add_argument("--org-unit", required=True, help=_("unit code"))
    parser.add_argument("--period", required=True, help=_("period: 2023, 2023S1, 2023C9, …"))
    parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
    parser.add_argument("-o", "--output")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.analytics import formats
    from ktxh.analytics.scorecard import build_scorecard

    require_schema()
    unit = unit_from_code(args.org_unit)
    period = period_from_label(args.period)
    writer = {"table": formats.write_table, "csv": formats.write_csv, "json": formats.write_json}[args.format]
    with timed("scorecard", unit=unit.code, period=period.code) as counts:
        card = build_scorecard(unit, period)
        counts["rows"] = len(card.rows)
        with output(args.output) as out:
            writer(out, card)
    return 0
