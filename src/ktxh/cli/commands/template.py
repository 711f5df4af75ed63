"""``ktxh template --org-unit CODE --period LABEL [--sector CODE] -o FILE.xlsx``: an Excel template for entering a
unit's figures, which ``ktxh import`` reads back."""

from __future__ import annotations

import sys

from django.utils.translation import gettext as _

from ktxh.cli.base import UserError, period_from_label, require_schema, timed, unit_from_code, written_file


def register(subparsers) -> None:
    parser = subparsers.add_parser("template", help=_("write an Excel template for entering figures"))
    parser.add_argument("--org-unit", required=True, help=_("unit code"))
    parser.add_argument("--period", required=True, help=_("period: 2023, 2023S1, 2023C9, …"))
    parser.add_argument("--sector", help=_("sector code (the sector and its subsectors; default: all)"))
    parser.add_argument("-o", "--output", required=True, help=_("the .xlsx file to write"))
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.catalog.models import Sector
    from ktxh.exchange import xlsx_template

    require_schema()
    unit = unit_from_code(args.org_unit)
    period = period_from_label(args.period)
    sector = None
    if args.sector:
        sector = Sector.objects.filter(code=args.sector).first()
        if sector is None:
            raise UserError(_("sector «%(code)s» is not in the catalog.") % {"code": args.sector})
    if not args.output.lower().endswith(".xlsx"):
        raise UserError(_("the template is an Excel file: give a name ending in .xlsx."))
    with timed("template", unit=unit.code, period=period.code) as counts, written_file(args.output) as partial:
        count = counts["rows"] = xlsx_template.write(unit, period, sector, str(partial))
    print(
        _("Wrote a template with %(count)d rows to %(path)s.") % {"count": count, "path": args.output}, file=sys.stderr
    )
    return 0
