"""Precision and recall of ``ktxh audit`` on labelled texts.

Each ``tests/audit/texts/NAME.txt`` (or ``.docx``) has a sidecar ``NAME.expected.json``: a list of the findings it
should produce, each ``{"kind": …, "values": [numbers that must appear among the finding's values]}``; ``[]`` for a
clean text. A finding matches an expected one when the kind is the same and every expected value is among the
finding's values (to 0,01). Unmatched findings are false alarms; unmatched expectations are misses.

    .venv/bin/python evaluation/audit_eval.py [FOLDER] [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ktxh.audit.report import audit_file  # noqa: E402

DEFAULT_FOLDER = ROOT / "tests" / "audit" / "texts"


def matches(finding, expected: dict) -> bool:
    if finding.kind != expected["kind"]:
        return False
    return all(any(abs(v - w) <= 0.011 for w in finding.values) for v in expected.get("values", []))


def evaluate(folder: Path = DEFAULT_FOLDER, verbose: bool = False) -> dict:
    totals = {"findings": 0, "true_positives": 0, "expected": 0, "found": 0, "files": 0}
    rows = []
    for sidecar in sorted(folder.glob("*.expected.json")):
        name = sidecar.name[: -len(".expected.json")]
        source = next((folder / (name + ext) for ext in (".txt", ".docx") if (folder / (name + ext)).exists()), None)
        if source is None:
            continue
        expected = json.loads(sidecar.read_text(encoding="utf-8"))
        findings = audit_file(source)
        matched_findings = [f for f in findings if any(matches(f, e) for e in expected)]
        found = [e for e in expected if any(matches(f, e) for f in findings)]
        totals["files"] += 1
        totals["findings"] += len(findings)
        totals["true_positives"] += len(matched_findings)
        totals["expected"] += len(expected)
        totals["found"] += len(found)
        false_alarms = [f for f in findings if f not in matched_findings]
        misses = [e for e in expected if e not in found]
        rows.append((name, len(findings), len(matched_findings), len(expected), len(found)))
        if verbose:
            for f in false_alarms:
                print(f"  {name}: báo động sai: [{f.kind}] {f.message}")
            for e in misses:
                print(f"  {name}: bỏ sót: {e}")
    precision = totals["true_positives"] / totals["findings"] if totals["findings"] else 1.0
    recall = totals["found"] / totals["expected"] if totals["expected"] else 1.0
    return {**totals, "precision": precision, "recall": recall, "rows": rows}


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    folder = Path(args[0]) if args else DEFAULT_FOLDER
    result = evaluate(folder, verbose)
    print(f"{'văn bản':45} {'phát hiện':>9} {'đúng':>5} {'cần có':>6} {'tìm thấy':>8}")
    for name, n_findings, n_true, n_expected, n_found in result["rows"]:
        print(f"{name:45} {n_findings:9} {n_true:5} {n_expected:6} {n_found:8}")
    print()
    print(f"files={result['files']} findings={result['findings']} true={result['true_positives']} "
          f"expected={result['expected']} found={result['found']}")
    print(f"precision={result['precision']:.3f} recall={result['recall']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
