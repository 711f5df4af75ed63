"""``ktxh export --format csv|dhis2-json|dhis2-csv [--org-unit CODE] [--period LABEL] [-o FILE]``: one row per
stored figure (DHIS2: the actual figures in use, as a dataValueSet with codes); ``--format appendix-xlsx`` writes
the report's appendix table of a unit and period as an Excel workbook."""

from __future__ import annotations

import sys

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ktxh.cli.base import UserError, output, period_from_label, require_schema, timed, unit_from_code, written_file


def register(subparsers) -> None:
    parser = subparsers.add_parser("export", help=_("export figures"))
    parser.add_argument("--format", choices=["csv", "xlsx", "dhis2-json", "dhis2-csv", "appendix-xlsx"], default="csv")
    parser.add_argument("--org-unit", help=_("unit code (including the units below it)"))
    parser.add_argument("--period", help=_("period: 2023, 2023S1, 2023Q3, 202309, 2023C9, 2022-2023 or «năm 2023»"))
    parser.add_argument("-o", "--output", help=_("output file (default: the screen)"))
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.exchange import dhis2
    from ktxh.exchange.csvfile import values_queryset, write_values

    writer = {"csv": write_values, "dhis2-json": dhis2.write_json, "dhis2-csv": dhis2.write_csv}.get(args.format)

    require_schema()
    unit = unit_from_code(args.org_unit) if args.org_unit else None
    period = period_from_label(args.period) if args.period else None
    if args.format == "appendix-xlsx":
        return _appendix(args, unit, period)
    if args.format == "xlsx":
        return _xlsx(args, unit, period)
    with timed("export") as counts, output(args.output) as out:
        count = counts["figures"] = writer(out, values_queryset(unit, period).iterator(chunk_size=2000))
    if args.output and args.output != "-":
        print(
            ngettext("Wrote %(count)d figure to %(path)s.", "Wrote %(count)d figures to %(path)s.", count)
            % {"count": count, "path": args.output},
            file=sys.stderr,
        )
    return 0


def _appendix(args, unit, period) -> int:
    from ktxh.exchange.xlsx_outputs import write_appendix

    if unit is None or period is None or not args.output or args.output == "-":
        raise UserError(_("the appendix needs --org-unit, --period and -o FILE.xlsx."))
    return _workbook(args, lambda path: write_appendix(unit, period, path))


def _xlsx(args, unit, period) -> int:
    from ktxh.exchange import xlsx_export
    from ktxh.exchange.csvfile import values_queryset

    if not args.output or args.output == "-":
        raise UserError(_("an Excel file cannot be written to the screen: give -o FILE.xlsx."))
    return _workbook(
        args, lambda path: xlsx_export.write_values(path, values_queryset(unit, period).iterator(chunk_size=2000))
    )


def _workbook(args, write) -> int:
    """Write an Excel file through ``FILE.tmp`` renamed at the end (nothing half-written under the real name)."""
    with timed("export", format=args.format) as counts, written_file(args.output) as partial:
        count = counts["figures"] = write(str(partial))
    print(
        ngettext("Wrote %(count)d figure to %(path)s.", "Wrote %(count)d figures to %(path)s.", count)
        % {"count": count, "path": args.output},
        file=sys.stderr,
    )
    return 0
