"""Precision and recall of ``ktxh audit`` on labelled texts, for two sets scored separately:

* the development set, ``tests/audit/texts/`` — written together with the audit and used to tune it;
* the held-out set, ``tests/audit/texts/held_out/`` — 10 reports written by someone else and first scored BLIND,
  before any change made after reading them: precision 1,00, recall 0,60 (9/15). The fixes of the audit that
  followed were made AFTER seeing which of its findings were missed, so the number printed for it now is no longer
  a blind estimate: it says the misses were fixed, not how the audit does on texts it has never seen.

Each ``NAME.txt`` (or ``.docx``) has a sidecar ``NAME.expected.json``: a list of the findings it should produce, each
``{"kind": …, "values": [numbers that must appear among the finding's values]}``; ``[]`` for a clean text. The
held-out sidecars write values as in the text (``"1.245/1.380"``, ``"2,8%"``) and call ``share_denominator``
``implied_total``; both are read. A finding matches an expected one when the kind is the same and every expected
value is among the finding's values (to 0,01). Unmatched findings are false alarms; unmatched expectations are
misses.

    .venv/bin/python evaluation/audit_eval.py [FOLDER] [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import os  # noqa: E402

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
django.setup()  # the findings' messages are translated (gettext); nothing here touches the database

from ktxh.audit.claims import parse_number  # noqa: E402
from ktxh.audit.report import audit_file  # noqa: E402

DEFAULT_FOLDER = ROOT / "tests" / "audit" / "texts"
HELD_OUT_FOLDER = DEFAULT_FOLDER / "held_out"
HELD_OUT_BEFORE = "P=1.00, R=0.60 (9/15)"
KIND_ALIASES = {"implied_total": "share_denominator"}


def _numbers(value) -> list[float]:
    """``3.5`` → [3.5]; ``"1.245/1.380"`` → [1245, 1380]; ``"2,8%"`` → [2.8]."""
    if isinstance(value, (int, float)):
        return [float(value)]
    out = []
    for piece in str(value).replace("%", "").split("/"):
        parsed = parse_number(piece.strip(), True)
        if parsed is None:
            raise ValueError(f"không đọc được giá trị «{value}»")
        out.append(parsed[0])
    return out


def normalise(expected: dict) -> dict:
    values = [v for raw in expected.get("values", []) for v in _numbers(raw)]
    return {"kind": KIND_ALIASES.get(expected["kind"], expected["kind"]), "values": values}


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
        expected = [normalise(e) for e in json.loads(sidecar.read_text(encoding="utf-8"))]
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


def report(title: str, folder: Path, verbose: bool) -> dict:
    print(f"== {title}: {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}")
    result = evaluate(folder, verbose)
    print(f"{'văn bản':45} {'phát hiện':>9} {'đúng':>5} {'cần có':>6} {'tìm thấy':>8}")
    for name, n_findings, n_true, n_expected, n_found in result["rows"]:
        print(f"{name:45} {n_findings:9} {n_true:5} {n_expected:6} {n_found:8}")
    print(
        f"files={result['files']} findings={result['findings']} true={result['true_positives']} "
        f"expected={result['expected']} found={result['found']}"
    )
    print(f"precision={result['precision']:.3f} recall={result['recall']:.3f} ({result['found']}/{result['expected']})")
    print()
    return result


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    if args:
        report("thư mục", Path(args[0]).resolve(), verbose)
        return 0
    print(
        f"Tập giữ lại (held-out, {HELD_OUT_FOLDER.relative_to(ROOT)}) được chấm MÙ TRƯỚC các sửa đổi: "
        f"{HELD_OUT_BEFORE}."
    )
    print(
        "Các sửa đổi sau đó được làm SAU KHI đã xem các lỗi bỏ sót của tập này, nên con số sau sửa trên nó không "
        "còn là đánh giá mù."
    )
    print(
        "(Held-out set scored BLIND before the fixes at " + HELD_OUT_BEFORE + "; the fixes were made after seeing "
        "its misses, so the after-fix number on it is no longer blind.)"
    )
    print()
    report("Tập phát triển (development)", DEFAULT_FOLDER, verbose)
    report("Tập giữ lại (held-out, không còn mù)", HELD_OUT_FOLDER, verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
