"""Import of figures from CSV (``ktxh import``) against the floor of the same rows written by the database's fastest
path into a bare table (PostgreSQL ``COPY``, SQLite ``executemany``), and a spreadsheet of the same rows.

    python benchmarks/import_values.py --database-url sqlite:////tmp/ktxh-bench-import.sqlite3 --rows 100000
    python benchmarks/import_values.py --database-url postgresql://postgres@127.0.0.1:5432/ktxh_x2 --rows 100000

Prints the times, the ratio (goal ≤ 3), the import's peak memory (goal < 1 GiB) and the .xlsx time (goal ≤ 5 s
for 100.000 rows). Each import runs in a child process (``import_file``, as ``ktxh import`` calls it), so that
its peak resident memory (``ru_maxrss``) is its own, not the benchmark's. The catalog and units are made up (one
sector, ``--indicators`` indicators, ``--units`` units); rows are spread over monthly periods. ``--reimport``
also times importing the same file again (nothing changes: every figure is compared and found the same).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--indicators", type=int, default=100)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--reimport", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # a file to import, in a child process
    args = parser.parse_args(argv)
    if args.child:
        return _child(args)
    os.environ["KTXH_DATABASE_URL"] = args.database_url
    os.environ.setdefault("KTXH_DATA_DIR", tempfile.mkdtemp())
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from ktxh.cli.base import migrate, setup_django

    setup_django()
    migrate()
    from django.db import connection

    from ktxh.catalog.models import Indicator, Measure, Sector
    from ktxh.exchange.csvfile import VALUE_COLUMNS
    from ktxh.units.models import OrgUnit
    from ktxh.values.models import DataValue

    # A fresh start, without a change record per deleted figure. The change log is append-only (its triggers refuse
    # DELETE), so the records of earlier runs stay: a database used for many runs grows its log.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {DataValue._meta.db_table}")
    measure, _ = Measure.objects.get_or_create(symbol="bn", defaults={"name": "bench", "dimension": "count"})
    sector, _ = Sector.objects.get_or_create(code="BN", defaults={"name": "Bench"})
    indicators = [
        Indicator.objects.get_or_create(
            code=f"bn_{i}", defaults={"name": f"Bench {i}", "sector": sector, "unit": measure, "value_type": "number"}
        )[0]
        for i in range(args.indicators)
    ]
    units = []
    for u in range(args.units):
        unit = OrgUnit.objects.filter(code=f"bn-{u}").first()
        if unit is None:
            unit = OrgUnit(code=f"bn-{u}", name=f"Bench {u}", type="commune")
            unit.save()
        units.append(unit)
    periods = max(1, -(-args.rows // (args.units * args.indicators)))
    codes = [f"{2000 + m // 12}{m % 12 + 1:02d}" for m in range(periods)]

    def rows():
        count = 0
        for period in codes:
            for unit in units:
                for indicator in indicators:
                    if count == args.rows:
                        return
                    count += 1
                    yield {
                        "org_unit_code": unit.code,
                        "org_unit_name": unit.name,
                        "indicator_code": indicator.code,
                        "indicator_name": indicator.name,
                        "period": period,
                        "kind": "actual",
                        "value": f"{count % 9973}.{count % 100:02d}",
                        "unit": "bn",
                    }

    folder = Path(tempfile.mkdtemp())
    path = folder / "values.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=VALUE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows())

    ours, peak, summary = _import(args, path)
    assert summary.startswith(f"{args.rows} created"), summary

    data = [(r["indicator_code"], r["org_unit_code"], r["period"], r["kind"], r["value"]) for r in rows()]
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_bare")
        cursor.execute(
            "CREATE TABLE bench_bare (indicator varchar(80), org_unit varchar(64), period varchar(16), "
            "kind varchar(16), value numeric(24, 6))"
        )
    start = time.perf_counter()
    if connection.vendor == "postgresql":
        buffer = io.StringIO("".join("\t".join(row) + "\n" for row in data))
        with connection.cursor() as cursor, cursor.cursor.copy("COPY bench_bare FROM STDIN") as copy:
            copy.write(buffer.getvalue())
        floor_name = "COPY"
    else:
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO bench_bare VALUES (%s, %s, %s, %s, %s)", data)
        floor_name = "executemany"
    floor = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_bare")

    print(
        f"{connection.vendor}: {args.rows:,} figures imported in {ours:.2f} s ({summary}); {floor_name} of the "
        f"same rows into a bare table {floor:.2f} s; ratio {ours / floor:.2f} (goal ≤ 3); "
        f"peak memory of the import {peak:,.0f} MiB (goal < 1024)"
    )
    if args.reimport:
        again, peak, summary = _import(args, path)
        print(
            f"{connection.vendor}: the same file imported again in {again:.2f} s ({summary}); ratio "
            f"{again / floor:.2f}; peak memory {peak:,.0f} MiB"
        )

    import xlsxwriter

    xlsx = folder / "values.xlsx"
    workbook = xlsxwriter.Workbook(str(xlsx), {"constant_memory": True})
    sheet = workbook.add_worksheet("Số liệu")
    sheet.write_row(0, 0, ["Mã đơn vị", "Kỳ", "Mã chỉ tiêu", "Loại số liệu", "Giá trị"])
    for i, row in enumerate(rows(), start=1):
        if i > args.xlsx_rows:
            break
        sheet.write_row(
            i, 0, [row["org_unit_code"], row["period"], row["indicator_code"], "Thực hiện", float(row["value"]) + 1]
        )
    workbook.close()
    seconds, peak, summary = _import(args, xlsx)
    print(
        f"xlsx: {min(args.xlsx_rows, args.rows):,} rows imported in {seconds:.2f} s ({summary}; goal ≤ 5 s for "
        f"100.000); peak memory {peak:,.0f} MiB"
    )
    return 0


def _import(args, path: Path) -> tuple[float, float, str]:
    """(seconds, peak MiB, summary) of importing ``path`` in a child process."""
    result = subprocess.run(
        [sys.executable, __file__, "--database-url", args.database_url, "--child", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    seconds, peak, summary = result.stdout.strip().splitlines()[-1].split("\t")
    return float(seconds), float(peak), summary


def _child(args) -> int:
    """Import one file and print its time (Django set up, not counted), the process's peak memory and the
    summary."""
    os.environ["KTXH_DATABASE_URL"] = args.database_url
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from ktxh.cli.base import setup_django

    setup_django()
    from ktxh.exchange.registry import import_file

    start = time.perf_counter()
    summary = import_file(Path(args.child))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds}\t{peak}\t{summary.created} created, {summary.updated} changed: {summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
