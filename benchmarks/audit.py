"""Benchmark: ``ktxh audit`` time against the size of the report, and against a floor.

    python benchmarks/audit.py [--pages 100] [--ingest]

``--ingest`` times ``ktxh ingest`` (the same reader, then statements and the catalog matcher) instead of the audit.

The report is the seed (``/work/shared/seed`` or ``KTXH_SEED``; about 20 pages) repeated to the number of pages
asked (3.000 characters a page), each copy with its numbers shifted so that no two copies are the same text. The
floor is a plain pass over the same text with the number pattern of the reader (``re.finditer``): what any reader
must at least do. Printed: the time of the audit, of the floor, their ratio, and the time at 1×, 2× and 4× the size
(linear time: each doubling about ×2). Then three hostile inputs: a .docx of 20.000 nested paragraphs, a 1 MB .txt
of one repeated sentence and a 1 MB .txt that is one sentence. Goal: ≤ 2 s for 100 pages.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")

import django  # noqa: E402

django.setup()

import itertools  # noqa: E402

from ktxh.audit.claims import NUMBER  # noqa: E402
from ktxh.audit.report import audit_file  # noqa: E402

PAGE = 3000
SEED = Path(os.environ.get("KTXH_SEED", "/work/shared/seed/000_164104ac10e67ad6.txt"))


def report_text(pages: int) -> str:
    base = (
        SEED.read_text(encoding="utf-8")
        if SEED.exists()
        else ("Tổng diện tích gieo trồng 772 ha, trong đó lúa 507 ha, màu 265 ha; năng suất lúa 60 tạ/ha.\n" * 40)
    )
    out, size, copy = [], 0, 0
    while size < pages * PAGE:
        copy += 1
        text = re.sub(
            r"\d+", lambda m, shift=copy: str(int(m.group(0)) + shift) if len(m.group(0)) < 6 else m.group(0), base
        )
        out.append(text)
        size += len(text)
    return "".join(out)[: pages * PAGE]


READ = audit_file  # or ktxh.ingest.propose.propose_file with --ingest


def timed(path: Path) -> float:
    start = time.perf_counter()
    READ(path)
    return time.perf_counter() - start


def floor(text: str) -> float:
    start = time.perf_counter()
    count = sum(1 for _ in NUMBER.finditer(text))
    count += sum(1 for _ in re.finditer(r"[.!?]\s", text))
    return time.perf_counter() - start


def nested_docx(count: int) -> bytes:
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "<w:p><w:r><w:t>Diện tích lúa 12 ha.</w:t></w:r>" * count + "</w:p>" * count
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f"<w:document {namespace}><w:body>{body}</w:body></w:document>")
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--ingest", action="store_true")
    args = parser.parse_args()
    if args.ingest:
        from ktxh.ingest.propose import propose_file

        global READ
        READ = lambda path: propose_file(path, "X", "2023")  # noqa: E731
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        warm = folder / "warm.txt"
        warm.write_text(report_text(2), encoding="utf-8")
        timed(warm)
        times = {}
        for factor in (1, 2, 4):
            pages = args.pages * factor // 4 if factor < 4 else args.pages
            path = folder / f"r{factor}.txt"
            text = report_text(pages)
            path.write_text(text, encoding="utf-8")
            times[pages] = (timed(path), floor(text), len(text))
        print(f"{'trang':>6} {'ký tự':>10} {'audit (s)':>10} {'sàn (s)':>9} {'tỷ số':>7}")
        for pages, (seconds, floor_seconds, size) in sorted(times.items()):
            print(f"{pages:6} {size:10} {seconds:10.3f} {floor_seconds:9.4f} {seconds / max(floor_seconds, 1e-6):7.0f}")
        sizes = sorted(times)
        growth = [times[b][0] / times[a][0] for a, b in itertools.pairwise(sizes)]
        print("tăng khi gấp đôi:", ", ".join(f"×{g:.2f}" for g in growth))
        goal = times[args.pages][0]
        print(f"{args.pages} trang: {goal:.2f} s ({'đạt' if goal <= 2 else 'CHƯA ĐẠT'} mục tiêu ≤ 2 s)")
        nested = folder / "nested.docx"
        nested.write_bytes(nested_docx(20000))
        print(f".docx 20.000 đoạn lồng nhau ({nested.stat().st_size} byte): {timed(nested):.2f} s")
        repeated = folder / "repeated.txt"
        sentence = "Tổng diện tích gieo trồng 772 ha, trong đó lúa 507 ha, màu 265 ha; đạt 101,5% kế hoạch.\n"
        repeated.write_text(sentence * (1024 * 1024 // len(sentence.encode())), encoding="utf-8")
        print(f".txt 1 MB một câu lặp lại: {timed(repeated):.2f} s")
        # one sentence of 1 MB: no full stop, a number every few words (each claim once read its whole sentence)
        clause = "tổng đàn lợn 1.200 con/1.100 con, đạt 109% KH, trong đó đàn gia súc 300 con, tăng 4% vụ xuân, "
        repeated.write_text(clause * (1024 * 1024 // len(clause.encode())), encoding="utf-8")
        print(f".txt 1 MB một câu dài: {timed(repeated):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
