"""``ktxh ingest FILE --org-unit CODE --period LABEL [--format table|json]``: figures proposed from a past report.

Each number of the report that matches a catalog indicator (its unit fits the indicator's, the words around it
name it) becomes a proposal {indicator_code, org_unit_code, period, kind, value, unit, sentence, confidence,
reason}; nothing is written: proposals are for a person to review. A figure the report gives for a body of another
level than the unit's («toàn tỉnh …» in a commune's report, a named village or school) is not proposed. The unit and
the period must exist; the catalog is the database's. Exit status: 0 (also when nothing is proposed), 2 the file
cannot be read or the unit or the period is unknown.
"""

from __future__ import annotations

import json
import sys

from django.utils.translation import gettext as _

from ktxh.cli.base import UserError, period_from_label, require_schema, unit_from_code


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help=_("propose figures for the database from a past report (.docx or .txt)"),
        description=_(
            "Reads the report and proposes, for each number that matches a catalog indicator, a figure "
            "of the unit and period given, with its kind (result, estimate, target, change, share, "
            "count), the sentence it comes from, a confidence and the reason. Nothing is written."
        ),
    )
    parser.add_argument("file", metavar=_("FILE"), help=_("a .docx or .txt (UTF-8) report"))
    parser.add_argument("--org-unit", required=True, help=_("code of the unit the report is about"))
    parser.add_argument("--period", required=True, help=_("the period the report is about (e.g. 2023)"))
    parser.add_argument("--format", choices=["table", "json"], default="table", help=_("how to print the result"))
    parser.add_argument(
        "--queue",
        action="store_true",
        help=_(
            "also put the proposals in the review queue of the web app (nothing becomes a figure "
            "until a person accepts it)"
        ),
    )
    parser.set_defaults(func=run)


def catalog_entries():
    from ktxh.catalog.models import Indicator
    from ktxh.ingest.matcher import Entry

    return [
        Entry(
            i.code,
            i.name,
            i.unit.symbol,
            tuple(o.name for d in i.dimensions.all() for o in d.options.all()),
        )
        for i in Indicator.objects.select_related("unit")
        .prefetch_related("dimensions__options")
        .exclude(value_type="text")
        .order_by("code")
    ]


def run(args) -> int:
    from ktxh.audit.text import AuditReadError
    from ktxh.ingest.propose import level_of, propose_file
    from ktxh.numbers import format_number

    require_schema()
    unit = unit_from_code(args.org_unit)
    period_from_label(args.period)
    entries = catalog_entries()
    if not entries:
        raise UserError(_("The catalog is empty: load it first (ktxh init)."))
    try:
        proposals, unmatched = propose_file(args.file, unit.code, args.period, entries, level_of(unit.type))
    except AuditReadError as error:
        raise UserError(str(error)) from None
    except RecursionError:
        raise UserError(_("the file is too deeply nested to check.")) from None
    if args.queue and proposals:
        from ktxh.ingest.queue import enqueue

        count = enqueue(proposals, unit, args.file)
        print(_("%(count)d proposals put in the review queue.") % {"count": count}, file=sys.stderr)
    if args.format == "json":
        sys.stdout.write(json.dumps([p.as_dict() for p in proposals], ensure_ascii=False, indent=2) + "\n")
        return 0
    if not proposals:
        print(_("No figure of the catalog found in «%(name)s».") % {"name": args.file})
        return 0
    print(
        _("%(count)d figures proposed from «%(name)s» (%(unmatched)d numbers match no indicator):")
        % {"count": len(proposals), "name": args.file, "unmatched": len(unmatched)}
    )
    headers = (_("indicator"), _("kind"), _("value"), _("unit"), _("period"), _("confidence"), _("sentence"))
    print(" | ".join(headers))
    kinds = {
        "result": _("result"),
        "estimate": _("estimate"),
        "target": _("target"),
        "change": _("change"),
        "share": _("share"),
        "count": _("count"),
    }
    for p in proposals:
        print(
            " | ".join(
                (
                    p.indicator_code,
                    kinds.get(p.kind, p.kind),
                    format_number(p.value),
                    p.unit,
                    p.period,
                    format_number(p.confidence, 2),
                    p.sentence[:100],
                )
            )
        )
    return 0
