"""Import of figures from CSV (``ktxh import``) against the floor of the same rows written by the database's fastest
path into a bare table (PostgreSQL ``COPY``, SQLite ``executemany``), and a spreadsheet of the same rows.

    python benchmarks/import_values.py --database-url sqlite:////tmp/ktxh-bench-import.sqlite3 --rows 100000
    python benchmarks/import_values.py --database-url postgresql://postgres@127.0.0.1:5432/ktxh_x2 --rows 100000

Prints the times, the ratio (goal ≤ 3), the process's peak memory (goal < 1 GiB) and the .xlsx time (goal ≤ 5 s
for 100.000 rows). The catalog and units are made up (one sector, ``--indicators`` indicators, ``--units``
units); rows are spread over monthly periods.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
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
    args = parser.parse_args(argv)
    os.environ["KTXH_DATABASE_URL"] = args.database_url
    os.environ.setdefault("KTXH_DATA_DIR", tempfile.mkdtemp())
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from ktxh.cli.base import migrate, setup_django

    setup_django()
    migrate()
    from django.db import connection

    from ktxh.catalog.models import Indicator, Measure, Sector
    from ktxh.exchange.csvfile import VALUE_COLUMNS
    from ktxh.exchange.registry import import_file
    from ktxh.units.models import OrgUnit
    from ktxh.values.models import DataValue

    DataValue.objects.all().delete()
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

    start = time.perf_counter()
    summary = import_file(path)
    ours = time.perf_counter() - start
    assert summary.created == args.rows, summary

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
        f"{connection.vendor}: {args.rows:,} figures imported in {ours:.2f} s; {floor_name} of the same rows "
        f"into a bare table {floor:.2f} s; ratio {ours / floor:.2f} (goal ≤ 3)"
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
    start = time.perf_counter()
    summary = import_file(xlsx)
    print(
        f"xlsx: {min(args.xlsx_rows, args.rows):,} rows imported in {time.perf_counter() - start:.2f} s "
        f"({summary.updated:,} changed; goal ≤ 5 s for 100.000)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:,.0f} MiB (goal < 1024)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
