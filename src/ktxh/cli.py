"""The ``ktxh`` command. Thin: it parses arguments, sets Django up and calls the modules that do the work.

User mistakes (a bad file, an unknown unit, a period that does not parse, an unreachable database) end with a
message and exit status 2, never a traceback. Messages and help are in Vietnamese, or in English with
``KTXH_LANGUAGE=en`` (the ``vi`` catalog in ``ktxh/locale`` translates the English source texts).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ktxh.audit.command import add_parser as add_audit_parser
from ktxh.rules.command import add_parser as add_validate_parser
from ktxh.i18n import early_gettext

DEMO_HOST, DEMO_PORT = "127.0.0.1", 8000


class UserError(Exception):
    """Something the user can fix; the message says what."""


def _setup_django() -> None:
    """Load the settings and the apps. Touches neither the disk nor the database, so ``--help`` stays harmless."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
    import django

    from ktxh.configuration import ConfigurationError  # not from ktxh.settings: importing that is what fails

    try:
        django.setup()
    except ConfigurationError as error:
        raise UserError(str(error)) from None


def _prepare_data_dir() -> None:
    from django.conf import settings

    from ktxh.settings import DATA_DIR

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        Path(settings.DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATA_DIR.mkdir(parents=True, exist_ok=True)


def _migrate(verbose: bool = False) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)


@contextlib.contextmanager
def _out(path: str | None):
    """Standard output, or the file ``path`` (closed afterwards); an unwritable path is a user error."""
    if not path or path == "-":
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8", newline="")
    except OSError as error:
        raise UserError(_("Could not write the file «%(path)s»: %(reason)s.")
                        % {"path": path, "reason": error.strerror}) from None
    with handle:
        yield handle


def _unit(code: str):
    from ktxh.units.models import OrgUnit

    unit = OrgUnit.objects.filter(code=code).first() or OrgUnit.objects.filter(official_code=code).order_by(
        "-valid_from").first()
    if unit is None:
        raise UserError(_("There is no unit with code «%(code)s». See the list: ktxh units --format csv")
                        % {"code": code})
    return unit


def _period(label: str):
    from ktxh.periods import Period, PeriodError

    try:
        return Period.parse(label)
    except PeriodError as error:
        raise UserError(str(error)) from None


# -- commands ---------------------------------------------------------------------------------------------------


def cmd_demo(args) -> int:
    from ktxh.datasets import DEMO_PASSWORD, DEMO_UNIT, DEMO_USERNAME, load_demo

    from ktxh.units.models import OrgUnit

    _migrate()
    if args.action == "load" or not OrgUnit.objects.filter(code=DEMO_UNIT).exists():
        summary = load_demo()
        print(_("Loaded the demo data of Thắng township: %(summary)s.") % {"summary": summary})
    else:  # already there: starting the web app must not overwrite what people changed since
        print(_("The demo data is already loaded (reload it with: ktxh demo load)."))
    if args.action == "load":
        return 0
    from django.core.management import call_command

    url = f"http://{args.host}:{args.port}/"
    print(_("Open %(url)s — sign in: %(username)s / %(password)s  (Ctrl+C to stop)")
          % {"url": url, "username": DEMO_USERNAME, "password": DEMO_PASSWORD}, flush=True)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, insecure_serving=True)
    return 0


def cmd_serve(args) -> int:
    from django.core.management import call_command

    _migrate()
    print(_("Open %(url)s  (Ctrl+C to stop)") % {"url": f"http://{args.host}:{args.port}/"}, flush=True)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, insecure_serving=True)
    return 0


def cmd_init(args) -> int:
    _migrate(verbose=True)
    print(_("The database is ready."))
    return 0


def cmd_load(args) -> int:
    from ktxh.datasets import CATALOG_DIR, load_dataset

    _migrate()
    folder = Path(args.folder)
    if not (folder / "units.csv").exists():
        raise UserError(_("«%(folder)s» is not a data set folder: units.csv is missing (see docs/data-format.md).")
                        % {"folder": folder})
    catalog = None if args.no_catalog else Path(args.catalog or CATALOG_DIR)
    summary = load_dataset(folder, catalog=catalog)
    print(_("Loaded: %(summary)s.") % {"summary": summary})
    return 0


def cmd_catalog(args) -> int:
    from ktxh.catalog.loader import load_catalog
    from ktxh.history.actor import acting_as

    _migrate()
    with acting_as(name=_("catalog load")):
        summary = load_catalog(Path(args.folder))
    print(_("Loaded the catalog: %(summary)s.") % {"summary": summary})
    return 0


def cmd_export(args) -> int:
    from ktxh.exchange.csvfile import values_queryset, write_values

    _migrate()
    unit = _unit(args.org_unit) if args.org_unit else None
    period = _period(args.period) if args.period else None
    with _out(args.output) as out:
        count = write_values(out, values_queryset(unit, period).iterator(chunk_size=2000))
    if args.output and args.output != "-":
        print(ngettext("Wrote %(count)d figure to %(path)s.", "Wrote %(count)d figures to %(path)s.", count)
              % {"count": count, "path": args.output}, file=sys.stderr)
    return 0


def cmd_units(args) -> int:
    from ktxh.exchange.csvfile import write_units
    from ktxh.units.models import OrgUnit

    _migrate()
    with _out(args.output) as out:
        write_units(out, OrgUnit.objects.select_related("parent").order_by("path"))
    return 0


def cmd_scorecard(args) -> int:
    from ktxh.analytics import formats
    from ktxh.analytics.scorecard import build_scorecard

    _migrate()
    unit = _unit(args.org_unit)
    period = _period(args.period)
    card = build_scorecard(unit, period)
    with _out(args.output) as out:
        {"table": formats.write_table, "csv": formats.write_csv, "json": formats.write_json}[args.format](out, card)
    return 0


def cmd_report(args) -> int:
    from ktxh.reports.builder import ReportError, build_report
    from ktxh.reports.pdf import PdfError, convert
    from ktxh.reports.template import TemplateError

    _migrate()
    period = _period(args.period)
    template = Path(args.template) if args.template else None
    if args.all_communes_of:
        return _report_batch(args, period, template)
    if not args.org_unit or not args.output:
        raise UserError(_("Give --org-unit and -o FILE.docx (or --all-communes-of CODE --output-dir DIR)."))
    unit = _unit(args.org_unit)
    output = Path(args.output)
    partial = output.with_name(output.name + ".tmp")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        result = build_report(unit, period, partial, template, with_charts=not args.no_charts)
        partial.replace(output)  # nothing half-written under the real name
    except (ReportError, TemplateError) as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(_("Cannot write «%(path)s»: %(error)s.") % {"path": output, "error": error.strerror}) \
            from None
    finally:
        partial.unlink(missing_ok=True)
    print(_("Wrote %(path)s (%(footnotes)d footnotes, %(charts)d charts, %(rows)d appendix rows).") % {
        "path": output, "footnotes": result.footnotes, "charts": result.charts, "rows": result.appendix_rows})
    if args.pdf:
        try:
            pdf = convert(output, timeout=args.timeout)
        except PdfError as error:
            raise UserError(str(error)) from None
        print(_("Wrote %(path)s.") % {"path": pdf})
    return 0


def _report_batch(args, period, template) -> int:
    from ktxh.reports import batch
    from ktxh.units.models import COMMUNE_LEVEL_TYPES, OrgUnit

    root = _unit(args.all_communes_of)
    communes = [u.code for u in OrgUnit.objects.within(root).filter(
        type__in=[str(t) for t in COMMUNE_LEVEL_TYPES]).overlapping(period.start, period.end).order_by("path")]
    if not communes:
        raise UserError(_("No commune under «%(code)s» in %(period)s.") % {"code": root.code,
                                                                          "period": period.label})
    outdir = Path(args.output_dir or ".")
    outcomes = batch.run(communes, period, outdir, template, pdf=args.pdf, with_charts=not args.no_charts,
                         jobs=args.jobs)
    failed = [o for o in outcomes if o.error]
    for outcome in failed:
        print(_("%(code)s: %(error)s") % {"code": outcome.code, "error": outcome.error}, file=sys.stderr)
    print(_("%(done)d of %(total)d reports written to %(dir)s.") % {
        "done": len(outcomes) - len(failed), "total": len(outcomes), "dir": outdir})
    return 1 if failed else 0


def cmd_manage(args) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ktxh manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ktxh",
        description=_("ktxh — socio-economic planning, monitoring and reporting for communes."),
        epilog=_("Database: the environment variable KTXH_DATABASE_URL (sqlite:///file or postgresql://…); "
                 "by default an SQLite file in the user's data folder."),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar=_("COMMAND"))

    demo = sub.add_parser("demo", help=_("load the demo data of Thắng township 2023 and open the web app"))
    demo.add_argument("action", nargs="?", choices=["load"], help=_("«load»: only load the demo data"))
    demo.add_argument("--host", default=DEMO_HOST)
    demo.add_argument("--port", type=int, default=DEMO_PORT)
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help=_("run the web app"))
    serve.add_argument("--host", default=DEMO_HOST)
    serve.add_argument("--port", type=int, default=DEMO_PORT)
    serve.set_defaults(func=cmd_serve)

    init = sub.add_parser("init", help=_("create or upgrade the database"))
    init.set_defaults(func=cmd_init)

    load = sub.add_parser("load", help=_("load a data set (units.csv, links.csv, values/)"))
    load.add_argument("folder")
    load.add_argument("--catalog", help=_("indicator catalog folder (default: the catalog shipped with ktxh)"))
    load.add_argument("--no-catalog", action="store_true", help=_("do not load the catalog again"))
    load.set_defaults(func=cmd_load)

    catalog = sub.add_parser("catalog", help=_("load the indicator catalog from a folder"))
    catalog.add_argument("action", choices=["load"])
    catalog.add_argument("folder")
    catalog.set_defaults(func=cmd_catalog)

    export = sub.add_parser("export", help=_("export figures"))
    export.add_argument("--format", choices=["csv"], default="csv")
    export.add_argument("--org-unit", help=_("unit code (including the units below it)"))
    export.add_argument("--period", help=_("period: 2023, 2023S1, 2023Q3, 202309, 2023C9, 2022-2023 or «năm 2023»"))
    export.add_argument("-o", "--output", help=_("output file (default: the screen)"))
    export.set_defaults(func=cmd_export)

    units = sub.add_parser("units", help=_("list the units"))
    units.add_argument("--format", choices=["csv"], default="csv")
    units.add_argument("-o", "--output")
    units.set_defaults(func=cmd_units)

    scorecard = sub.add_parser("scorecard", help=_("assess results against the plan and the same period last year, "
                                                   "with rankings"))
    scorecard.add_argument("--org-unit", required=True, help=_("unit code"))
    scorecard.add_argument("--period", required=True, help=_("period: 2023, 2023S1, 2023C9, …"))
    scorecard.add_argument("--format", choices=["table", "csv", "json"], default="table")
    scorecard.add_argument("-o", "--output")
    scorecard.set_defaults(func=cmd_scorecard)

    report = sub.add_parser("report", help=_("write the KT-XH report (Word, Decree 30/2020 format)"))
    report.add_argument("--org-unit", help=_("unit code"))
    report.add_argument("--period", required=True, help=_("period: 2023 (annual), 2023S1 (6 months), 2023C9 (9 months)"))
    report.add_argument("-o", "--output", help=_("the .docx file to write"))
    report.add_argument("--pdf", action="store_true", help=_("also make a PDF with LibreOffice"))
    report.add_argument("--template", help=_("a .docx template (default: the one shipped with ktxh)"))
    report.add_argument("--no-charts", action="store_true", help=_("leave the charts out"))
    report.add_argument("--timeout", type=int, default=120, help=_("seconds LibreOffice may take per PDF"))
    report.add_argument("--all-communes-of", metavar="CODE", help=_("every commune below this unit, in parallel"))
    report.add_argument("--output-dir", help=_("folder for the batch's files"))
    report.add_argument("--jobs", type=int, help=_("parallel workers (default: all cores)"))
    report.set_defaults(func=cmd_report)

    add_audit_parser(sub)
    add_validate_parser(sub)

    manage = sub.add_parser("manage", help=_("Django management commands (createsuperuser, migrate, …)"))
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        _setup_django()
    except UserError as error:
        # The settings are unusable, so Django cannot translate: the catalog is read directly.
        print(early_gettext("Error: %(error)s") % {"error": error}, file=sys.stderr)
        return 2
    from django.conf import settings
    from django.utils import translation

    # Outside a request nothing chooses a language, so the command does: Vietnamese unless KTXH_LANGUAGE says
    # otherwise. ``override`` also restores the caller's language when main() runs in-process (tests).
    with translation.override(settings.LANGUAGE_CODE):
        return _run(build_parser().parse_args(argv))


def _run(args) -> int:
    from django.db import DatabaseError

    from ktxh.datafiles import LoadError
    from ktxh.periods import PeriodError

    try:
        _prepare_data_dir()
        try:
            return args.func(args)
        except DatabaseError as error:
            raise UserError(_("Database error: %(error)s. Check KTXH_DATABASE_URL and the database server.")
                            % {"error": error}) from None
    except (UserError, LoadError, PeriodError) as error:
        print(_("Error: %(error)s") % {"error": error}, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (``ktxh export | head``): not an error
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
