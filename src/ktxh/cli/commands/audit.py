"""``ktxh audit FILE [--format text|json]``: the consistency audit of a report written by hand.

The handler needs no database (it never opens or migrates one). Exit status: 0 nothing found,
1 findings, 2 the file cannot be read (the reason is printed in Vietnamese on stderr, never a traceback).
"""

from __future__ import annotations

import sys

from django.utils.translation import gettext as _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "audit",
        help=_("check that the numbers of a report (.docx or .txt) agree with each other"),
        description=_(
            "Reads the report, finds its numbers and checks them against each other: fractions and "
            "percentages, parts and totals, one figure stated twice, implausible values. Exit status: 0 "
            "nothing found, 1 points to review, 2 the file cannot be read."
        ),
    )
    parser.add_argument("file", metavar=_("FILE"), help=_("a .docx or .txt (UTF-8) report"))
    parser.add_argument("--format", choices=["text", "json"], default="text", help=_("how to print the result"))
    parser.add_argument(
        "--all",
        action="store_true",
        dest="show_all",
        help=_("also show the points worth a look (by default only the sure contradictions)"),
    )
    parser.set_defaults(func=run, needs_database=False)


def run(args) -> int:
    from ktxh.audit.report import audit_file, render_json, render_text
    from ktxh.audit.text import AuditReadError

    try:
        findings = audit_file(args.file)
        if not getattr(args, "show_all", False):
            findings = [f for f in findings if f.severity == "error"]
    except AuditReadError as error:
        print(_("Error: %(error)s") % {"error": error}, file=sys.stderr)
        return 2
    except RecursionError:
        print(_("Error: %(error)s") % {"error": _("the file is too deeply nested to check.")}, file=sys.stderr)
        return 2
    output = render_json(findings) if args.format == "json" else render_text(findings, str(args.file))
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 1 if findings else 0
