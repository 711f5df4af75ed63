"""Run the audit on a file or a text and print the findings (text for people, JSON for programs)."""

from __future__ import annotations

import json
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ktxh.audit.checks import Finding, run_checks
from ktxh.audit.claims import analyse
from ktxh.audit.text import Document, parse_text, read_document

__all__ = ["Finding", "audit_document", "audit_file", "audit_text", "render_json", "render_text"]

KIND_TITLES = {
    "fraction_percent": gettext_lazy("Fraction and percentage disagree"),
    "percent_of_total": gettext_lazy("Percentage disagrees with the total"),
    "parts_total": gettext_lazy("The parts do not add up to the total"),
    "subset_exceeds_whole": gettext_lazy("A part is larger than its total"),
    "percent_sum": gettext_lazy("The percentages do not add up to 100%"),
    "same_quantity": gettext_lazy("One quantity, two values"),
    "implausible_value": gettext_lazy("Implausible value"),
    "share_denominator": gettext_lazy("The percentages imply different totals"),
    "plan_achievement": gettext_lazy("Percentage disagrees with the numbers beside it"),
    "change_values": gettext_lazy("The change disagrees with the two values"),
    "production": gettext_lazy("Area × yield disagrees with the production"),
    "unit_label": gettext_lazy("The unit does not fit what is measured"),
}


def audit_document(document: Document) -> list[Finding]:
    return run_checks(analyse(document))


def audit_text(text: str) -> list[Finding]:
    return audit_document(parse_text(text))


def audit_file(path: str | Path) -> list[Finding]:
    """Findings of a .txt or .docx report. Raises ``AuditReadError`` when the file cannot be read."""
    return audit_document(read_document(path))


def render_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2)


def render_text(findings: list[Finding], name: str = "") -> str:
    if not findings:
        if name:
            return _("No contradiction between the numbers of «%(name)s».") % {"name": name}
        return _("No contradiction between the numbers.")
    if name:
        header = ngettext(
            "%(count)d point to review in «%(name)s»:", "%(count)d points to review in «%(name)s»:", len(findings)
        ) % {"count": len(findings), "name": name}
    else:
        header = ngettext("%(count)d point to review:", "%(count)d points to review:", len(findings)) % {
            "count": len(findings)
        }
    lines = [header, ""]
    for number, finding in enumerate(findings, 1):
        mark = "" if finding.severity == "error" else " (" + _("worth a look") + ")"
        lines.append(f"{number}. [{KIND_TITLES.get(finding.kind, finding.kind)}]{mark} {finding.message}")
        for quote in finding.quotes:
            lines.append(f"   « {quote} »")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
