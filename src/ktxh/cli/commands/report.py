"""``ktxh report --org-unit CODE --period LABEL -o FILE.docx [--pdf]`` and
``ktxh report --all-communes-of CODE --period LABEL --output-dir DIR``: the KT-XH report in the NĐ 30/2020 format."""

from __future__ import annotations

import sys
from pathlib import Path

from django.utils.translation import gettext as _

from ktxh.cli.base import UserError, output_path, period_from_label, require_schema, timed, unit_from_code


def register(subparsers) -> None:
    parser = subparsers.add_parser("report", help=_("write the KT-XH report (Word, Decree 30/2020 format)"))
    parser.add_argument("--org-unit", help=_("unit code"))
    parser.add_argument(
        "--period", required=True, help=_("period: 2023 (annual), 2023S1 (6 months), 2023C9 (9 months)")
    )
    parser.add_argument("-o", "--output", help=_("the .docx file to write"))
    parser.add_argument("--pdf", action="store_true", help=_("also make a PDF with LibreOffice"))
    parser.add_argument("--template", help=_("a .docx template (default: the one shipped with ktxh)"))
    parser.add_argument("--no-charts", action="store_true", help=_("leave the charts out"))
    parser.add_argument("--timeout", type=int, default=120, help=_("seconds LibreOffice may take per PDF"))
    parser.add_argument("--all-communes-of", metavar="CODE", help=_("every commune below this unit, in parallel"))
    parser.add_argument("--output-dir", help=_("folder for the batch's files"))
    parser.add_argument("--jobs", type=int, help=_("parallel workers (default: all cores)"))
    parser.add_argument(
        "--check",
        action="store_true",
        help=_("list what is missing or inconsistent for the period, without writing the report"),
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.datafiles import LoadError
    from ktxh.reports.builder import ReportError, build_report
    from ktxh.reports.pdf import PdfError, convert
    from ktxh.reports.plans import PlanError
    from ktxh.reports.template import TemplateError

    require_schema()
    period = period_from_label(args.period)
    template = Path(args.template) if args.template else None
    if args.all_communes_of:
        return _batch(args, period, template)
    if args.check:
        return _check(args, period)
    if not args.org_unit or not args.output:
        raise UserError(_("Give --org-unit and -o FILE.docx (or --all-communes-of CODE --output-dir DIR)."))
    unit = unit_from_code(args.org_unit)
    output = output_path(args.output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with timed("report", unit=unit.code, period=period.code) as counts:
            # build_report writes FILE.tmp and renames it: nothing half-written under the real name
            result = build_report(unit, period, output, template, with_charts=not args.no_charts)
            counts.update(footnotes=result.footnotes, charts=result.charts, appendix_rows=result.appendix_rows)
    except (ReportError, TemplateError, PlanError, LoadError) as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(_("Cannot write «%(path)s»: %(error)s.") % {"path": output, "error": error.strerror}) from None
    print(
        _("Wrote %(path)s (%(footnotes)d footnotes, %(charts)d charts, %(rows)d appendix rows).")
        % {"path": output, "footnotes": result.footnotes, "charts": result.charts, "rows": result.appendix_rows}
    )
    if result.checks:
        print(
            _("Check list (%(count)d): run ktxh report --check for the details.") % {"count": len(result.checks)},
            file=sys.stderr,
        )
    if args.pdf:
        try:
            pdf = convert(output, timeout=args.timeout)
        except PdfError as error:
            raise UserError(str(error)) from None
        print(_("Wrote %(path)s.") % {"path": pdf})
    return 0


def _check(args, period) -> int:
    from ktxh.datafiles import LoadError
    from ktxh.reports.builder import ReportError, check_report
    from ktxh.reports.plans import PlanError

    if not args.org_unit:
        raise UserError(_("Give --org-unit with --check."))
    unit = unit_from_code(args.org_unit)
    try:
        items = check_report(unit, period)
    except (ReportError, PlanError) as error:
        raise UserError(str(error)) from None
    except LoadError as error:
        raise UserError(str(error)) from None
    if not items:
        print(
            _("Nothing missing or inconsistent for %(unit)s, %(period)s.") % {"unit": unit.name, "period": period.label}
        )
        return 0
    print(
        _("Check list for %(unit)s, %(period)s (%(count)d):")
        % {"unit": unit.name, "period": period.label, "count": len(items)}
    )
    for item in items:
        print(f"- {item}")
    return 0


def _batch(args, period, template) -> int:
    from ktxh.reports import batch
    from ktxh.units.models import COMMUNE_LEVEL_TYPES, OrgUnit

    root = unit_from_code(args.all_communes_of)
    communes = [
        u.code
        for u in OrgUnit.objects.within(root)
        .filter(type__in=[str(t) for t in COMMUNE_LEVEL_TYPES])
        .overlapping(period.start, period.end)
        .order_by("path")
    ]
    if not communes:
        raise UserError(_("No commune under «%(code)s» in %(period)s.") % {"code": root.code, "period": period.label})
    outdir = Path(args.output_dir or ".")
    with timed("report batch", root=root.code, period=period.code, communes=len(communes)) as counts:
        outcomes = batch.run(
            communes, period, outdir, template, pdf=args.pdf, with_charts=not args.no_charts, jobs=args.jobs
        )
        failed = [o for o in outcomes if o.error]
        counts["failed"] = len(failed)
    for outcome in failed:
        print(_("%(code)s: %(error)s") % {"code": outcome.code, "error": outcome.error}, file=sys.stderr)
    print(
        _("%(done)d of %(total)d reports written to %(dir)s.")
        % {"done": len(outcomes) - len(failed), "total": len(outcomes), "dir": outdir}
    )
    return 1 if failed else 0
