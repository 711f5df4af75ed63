"""Benchmark: one commune's annual Word report (no PDF), and the batch of every commune of the synthetic province.

    python benchmarks/report.py [--database-url URL] [--batch]

Uses the synthetic province of benchmarks/synthetic.py (generated on first use). The floor is python-docx writing a
document of the same size (paragraphs, footnotes, a table) from ready-made strings: what remains above it is ktxh's
own work (queries, analytics, sentences, charts). Goal: ≤ 1 s per report. The batch is timed with one worker and
with all cores, and the speed-up printed.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
sys.path.insert(0, os.path.dirname(__file__))

import synthetic


def floor(paragraphs: int, footnotes: int, rows: int) -> float:
    from docx import Document

    from ktxh.reports.footnotes import add_footnote

    started = time.perf_counter()
    document = Document()
    for n in range(paragraphs):
        paragraph = document.add_paragraph(f"Chỉ tiêu {n}: 1.234,5 ha, tăng 3,4% so cùng kỳ; đạt 101,2% kế hoạch.")
        if n < footnotes:
            add_footnote(paragraph, "Đất trồng lúa 392,46 ha; đất trồng cây lâu năm 158,83 ha.")
    table = document.add_table(rows=rows, cols=10)
    for row in table.rows:
        for cell in row.cells:
            cell.text = "1.234,5"
    document.save(io.BytesIO())
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="sqlite:////tmp/ktxh-bench.sqlite3")
    parser.add_argument("--period", default="2024")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", action="store_true", help="also time the batch of every commune")
    args = parser.parse_args(argv)
    synthetic.setup(args.database_url)
    from docx import Document

    from ktxh.periods import Period
    from ktxh.reports import batch
    from ktxh.reports.builder import build_report
    from ktxh.units.models import OrgUnit

    if not OrgUnit.objects.filter(code="bench").exists():
        print("generating the synthetic province (once)…", flush=True)
        synthetic.generate()
    period = Period.parse(args.period)
    commune = OrgUnit.objects.get(code="bench-050")

    def one(with_charts: bool) -> tuple[float, object, bytes]:
        buffer = io.BytesIO()
        started = time.perf_counter()
        result = build_report(commune, period, buffer, with_charts=with_charts)
        return time.perf_counter() - started, result, buffer.getvalue()

    cold, _, _ = one(True)
    timings = [one(True) for _ in range(args.repeat)]
    warm, result, data = min(timings, key=lambda t: t[0])
    plain = min(one(False)[0] for _ in range(args.repeat))
    document = Document(io.BytesIO(data))
    paragraphs = len(document.paragraphs)
    floor_time = min(floor(paragraphs, result.footnotes, result.appendix_rows) for _ in range(args.repeat))
    print(
        f"one commune's annual report ({paragraphs} paragraphs, {result.footnotes} footnotes, "
        f"{result.charts} charts, {result.appendix_rows} appendix rows):"
    )
    print(f"  first report in the process (chart engine start-up): {cold:.2f} s")
    print(f"  report with charts:    {warm:.3f} s  (goal ≤ 1 s)")
    print(f"  report without charts: {plain:.3f} s")
    print(f"  floor (python-docx, same size, ready strings): {floor_time:.3f} s; ratio {warm / floor_time:.1f}")
    if args.batch:
        codes = list(
            OrgUnit.objects.filter(parent__code="bench")
            .overlapping(period.start, period.end)
            .values_list("code", flat=True)
        )
        with tempfile.TemporaryDirectory() as folder:
            times = {}
            for jobs in (1, os.cpu_count() or 1):
                started = time.perf_counter()
                outcomes = batch.run(codes, period, Path(folder), jobs=jobs, show_progress=False)
                times[jobs] = time.perf_counter() - started
                failed = [o for o in outcomes if o.error]
                print(
                    f"batch of {len(codes)} communes, {jobs} worker(s): {times[jobs]:.1f} s"
                    + (f" ({len(failed)} failed: {failed[0].error})" if failed else "")
                )
            cores = max(times)
            if cores > 1:
                print(f"speed-up from {cores} cores: {times[1] / times[cores]:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
