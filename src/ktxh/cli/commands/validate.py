"""``ktxh validate --org-unit CODE --period LABEL [--format table|json]``: run every validation rule for a unit and
period, store the findings and print the open ones.

Exit status: 0 nothing found, 1 findings, 2 a user error (unknown unit, period that does not parse). It stores the
findings it makes but never creates or changes the schema.
"""

from __future__ import annotations

import json
import sys

from django.utils.translation import gettext as _

from ktxh.cli.base import period_from_label, require_schema, timed, unit_from_code


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate",
        help=_("check the figures of a unit and period against the validation rules"),
        description=_(
            "Runs every validation rule (docs/rules.md) for the unit and period, stores the findings and "
            "prints the open ones. Exit status: 0 nothing found, 1 findings, 2 an error."
        ),
    )
    parser.add_argument("--org-unit", required=True, help=_("unit code"))
    parser.add_argument("--period", required=True, help=_("period: 2023, 2023S1, 2023C9, …"))
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.rules.engine import findings_for, validate
    from ktxh.rules.models import Rule

    require_schema()
    unit = unit_from_code(args.org_unit)
    period = period_from_label(args.period)
    with timed("validate", unit=unit.code, period=period.code) as counts:
        report = validate(unit, period)
        counts.update(opened=report.opened, resolved=report.resolved)
    findings = list(findings_for(unit, period))
    minimum = dict(
        Rule.objects.filter(code__in=[code for code, _reason in report.notes]).values_list("code", "min_points")
    )
    note = "\n".join(
        _("Rule «%(rule)s»: %(count)d figures not judged, fewer than %(minimum)s values to compare with.")
        % {"rule": code, "count": count, "minimum": minimum.get(code) or "?"}
        for (code, reason), count in sorted(report.notes.items())
        if reason == "too_few_points"
    )
    if args.format == "json":
        json.dump(
            [
                {
                    "rule": f.rule.code,
                    "severity": f.severity,
                    "indicator": f.indicator.code if f.indicator else None,
                    "instance": f.key,
                    "message": f.message,
                    "values": f.values,
                }
                for f in findings
            ],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        if note:
            print(note, file=sys.stderr)
    else:
        print(
            _("Validation of %(unit)s, %(period)s: %(errors)d errors, %(warnings)d warnings.")
            % {
                "unit": unit.name,
                "period": period.label,
                "errors": sum(f.severity == "error" for f in findings),
                "warnings": sum(f.severity == "warning" for f in findings),
            }
        )
        labels = {"error": _("ERROR"), "warning": _("WARNING")}
        for finding in findings:
            print(f"{labels.get(finding.severity, finding.severity):<9} {finding.rule.code}: {finding.message}")
        if note:
            print(note)
    return 1 if findings else 0
