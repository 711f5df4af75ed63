"""Run the audit on a file or a text and print the findings (text for people, JSON for programs)."""

from __future__ import annotations

import json
from pathlib import Path

from ktxh.audit.checks import Finding, run_checks
from ktxh.audit.claims import analyse
from ktxh.audit.text import Document, parse_text, read_document

__all__ = ["Finding", "audit_document", "audit_file", "audit_text", "render_json", "render_text"]

KIND_TITLES = {
    "fraction_percent": "Phân số và tỷ lệ không khớp",
    "percent_of_total": "Tỷ lệ không khớp với tổng",
    "parts_total": "Các phần không cộng đủ tổng",
    "subset_exceeds_whole": "Phần lớn hơn tổng",
    "percent_sum": "Các tỷ lệ không cộng thành 100%",
    "same_quantity": "Một chỉ tiêu, hai giá trị",
    "implausible_value": "Giá trị không hợp lý",
    "share_denominator": "Các tỷ lệ ngụ ý tổng khác nhau",
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
        return f"Không thấy mâu thuẫn nào về số liệu{' trong «' + name + '»' if name else ''}."
    lines = [f"{len(findings)} điểm cần xem lại{' trong «' + name + '»' if name else ''}:", ""]
    for number, finding in enumerate(findings, 1):
        lines.append(f"{number}. [{KIND_TITLES.get(finding.kind, finding.kind)}] {finding.message}")
        for quote in finding.quotes:
            lines.append(f"   « {quote} »")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
