"""``ktxh progress --org-unit CODE --period LABEL [--format table|csv] [-o FILE]``: how the units below a unit stand
in the submission workflow for a period — per top-level sector the state, whether the report came on time and how
complete its figures are (the web's progress page, :mod:`ktxh.workflow.progress`)."""

from __future__ import annotations

import csv

from django.utils.translation import gettext as _

from ktxh.cli.base import output, period_from_label, require_schema, timed, unit_from_code


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "progress", help=_("show the submission state, timeliness and completeness of the units below a unit")
    )
    parser.add_argument("--org-unit", required=True, help=_("unit code"))
    parser.add_argument("--period", required=True, help=_("period: 2023, 2023S1, 2023C9, …"))
    parser.add_argument("--format", choices=["table", "csv"], default="table")
    parser.add_argument("-o", "--output")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.numbers import format_number
    from ktxh.workflow.progress import overview

    require_schema()
    unit = unit_from_code(args.org_unit)
    period = period_from_label(args.period)
    with timed("progress", unit=unit.code, period=period.code) as counts:
        view = overview(unit, period)
        counts["units"] = len(view.rows)
    header = [_("Unit"), _("Sector"), _("State"), _("Timeliness"), _("Completeness"), _("Indicators with a figure")]
    lines = []
    for row in view.rows:
        for cell in row.cells:
            percent = format_number(cell.completeness, 1) + "%" if cell.completeness is not None else "—"
            lines.append(
                [
                    row.unit.code,
                    cell.status.sector.code,
                    cell.status.state_label,
                    cell.timeliness_label,
                    percent,
                    f"{cell.entered}/{cell.expected}",
                ]
            )
    with output(args.output) as out:
        if args.format == "csv":
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(lines)
            return 0
        if view.deadline:
            out.write(
                _("Data from %(start)s to %(end)s; reports due by %(due)s.")
                % {
                    "start": f"{view.deadline.cutoff_start:%d/%m/%Y}",
                    "end": f"{view.deadline.cutoff_end:%d/%m/%Y}",
                    "due": f"{view.deadline.due:%d/%m/%Y}",
                }
                + "\n"
            )
        widths = [max(len(str(r[i])) for r in [header, *lines]) for i in range(len(header))]
        for line in [header, *lines]:
            out.write("  ".join(str(value).ljust(width) for value, width in zip(line, widths)).rstrip() + "\n")
    return 0
