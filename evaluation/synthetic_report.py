"""The report of a commune that is not the seed, to read beside the demo's (issue 12: "the same quality on a commune
that is not the seed").

    PYTHONPATH=src KTXH_DATA_DIR=… KTXH_DATABASE_URL=… python evaluation/synthetic_report.py OUT.docx [--seed N]

Takes the demo's commune-level figures (the real catalog, the demo must be loaded), gives them to Xã Lương Phong with
other numbers (each indicator scaled by its own random factor, percentages kept within 0–100), leaves out about a
third of the indicators and every qualitative text, and writes no narrative and no report particulars: the report
is made from figures alone, with gaps. Prints the check list and the phrases a report must never print.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

DEMO_VALUES = Path(__file__).resolve().parent.parent / "src" / "ktxh" / "data" / "demo" / "thang-2023" / "values"
UNIT = "luong-phong"
NEVER = ["kết quả cụ thể", "chưa có số liệu", "None", "nan", "{{", "}}", "()", " ,", ",,", ";;", ": ."]


def synthetic_rows(seed: int) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for path in sorted(DEMO_VALUES.glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            rows += [r for r in csv.DictReader(handle) if r["org_unit"] == "thang"]
    families = sorted({re.sub(r"_(thap|cao)$", "", r["indicator"]) for r in rows})
    kept = {f for f in families if rng.random() > 0.33}
    factor = {f: Decimal(str(round(rng.uniform(0.5, 1.6), 2))) for f in families}
    out = []
    for row in rows:
        family = re.sub(r"_(thap|cao)$", "", row["indicator"])
        if family not in kept or row["text"] or not row["value"]:
            continue
        value = Decimal(row["value"]) * factor[family]
        if "." not in row["value"]:
            value = value.quantize(Decimal(1))
        else:
            value = value.quantize(Decimal("0.1"))
        if row["indicator"].startswith(("ty_le", "ty_trong")):
            value = min(value, Decimal(100))
        new = dict(row, org_unit=UNIT, value=str(value), value_high="", comment="", source="synthetic")
        if row["value_high"]:
            new["value_high"] = str(max(value, (Decimal(row["value_high"]) * factor[family]).quantize(Decimal("0.1"))))
        out.append(new)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
    import django

    django.setup()
    from docx import Document

    from ktxh.periods import Period
    from ktxh.reports.builder import build_report
    from ktxh.units.models import OrgUnit
    from ktxh.values.loader import load_values

    if not OrgUnit.objects.filter(code=UNIT).exists():
        print("load the demo first: ktxh demo load", file=sys.stderr)
        return 2
    rows = synthetic_rows(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "values.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        print(f"values: {load_values(path, replace_units={UNIT})}")
    result = build_report(OrgUnit.objects.get(code=UNIT), Period.parse("2023"), args.output)
    text = "\n".join(p.text for p in Document(args.output).paragraphs)
    print(f"wrote {args.output}: {result.footnotes} footnotes, {result.charts} charts, {result.appendix_rows} rows")
    print(f"check list ({len(result.checks)}):")
    for item in result.checks:
        print(f"  - {item}")
    found = {phrase: text.count(phrase) for phrase in NEVER if phrase in text}
    print(f"phrases that must not be printed: {found or 0}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
