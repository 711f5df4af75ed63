"""Benchmark: the province's full scorecard and every commune's, against one hand-written SQL query.

    python benchmarks/scorecard.py                       # SQLite (a file in /tmp), generated on first run
    python benchmarks/scorecard.py --postgres            # PostgreSQL (database ktxh_bench on 127.0.0.1)
    python benchmarks/scorecard.py --database-url URL --period 2023 --repeat 3

The floor is one SQL statement computing the same table (subtree sums, ratios recomputed, previous year with the
merged communes' predecessors, targets of both sources, % of target, change and rank) for the province and all its
communes. ktxh keeps the sums of the children's figures (``ktxh.values.rollups``), so a second floor is printed:
the same statement reading those kept sums instead of adding up every figure. Both run on the same database in the same process; the best of ``--repeat`` runs is reported with the
ratio ours / floor. The goal is a ratio ≤ 2 and a peak memory under 1 GiB.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
sys.path.insert(0, os.path.dirname(__file__))

import synthetic

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/ktxh_bench"

FLOOR_TAIL = """
ratios AS (
    SELECT n.unit_id, i.id AS indicator_id, n.period, n.value / d.value * COALESCE(i.factor, 1) AS value
    FROM catalog_indicator i
    JOIN summed n ON n.indicator_id = i.numerator_id
    JOIN summed d ON d.indicator_id = i.denominator_id AND d.unit_id = n.unit_id AND d.period = n.period
    WHERE i.aggregation = 'ratio' AND d.value <> 0
),
figures AS (SELECT * FROM summed UNION ALL SELECT * FROM ratios),
previous AS (
    SELECT unit_id, indicator_id, value FROM figures WHERE period = %(previous)s
    UNION ALL
    SELECT l.successor_id, f.indicator_id, SUM(f.value * l.share)
    FROM units_unitlink l JOIN figures f ON f.unit_id = l.predecessor_id AND f.period = %(previous)s
    GROUP BY l.successor_id, f.indicator_id
),
targets AS (
    SELECT v.org_unit_id AS unit_id, v.indicator_id, s.code AS source, v.value
    FROM values_datavalue v JOIN catalog_targetsource s ON s.id = v.target_source_id
    JOIN units_orgunit u ON u.id = v.org_unit_id JOIN province p ON u.id = p.id OR u.parent_id = p.id
    WHERE v.kind = 'target' AND v.period = %(period)s AND v.variant = ''
),
current AS (SELECT unit_id, indicator_id, value FROM figures WHERE period = %(period)s)
SELECT c.unit_id, i.code, i.name, t.source, t.value AS target, c.value AS actual,
       CASE WHEN t.value <> 0 THEN c.value / t.value * 100 END AS pct_of_target,
       p.value AS previous, c.value - p.value AS change,
       CASE WHEN p.value <> 0 THEN (c.value / p.value - 1) * 100 END AS change_pct,
       RANK() OVER (PARTITION BY i.id, t.source, (c.unit_id = (SELECT id FROM province))
                    ORDER BY CASE WHEN i.direction = 'lower' THEN c.value ELSE -c.value END) AS rank
FROM current c
JOIN catalog_indicator i ON i.id = c.indicator_id
LEFT JOIN previous p ON p.unit_id = c.unit_id AND p.indicator_id = c.indicator_id
LEFT JOIN targets t ON t.unit_id = c.unit_id AND t.indicator_id = c.indicator_id
"""

# The sums added up from every figure on each run.
FLOOR_SQL = (
    """
WITH
province AS (SELECT id, path FROM units_orgunit WHERE code = %(province)s),
best AS (
    SELECT v.org_unit_id, u.parent_id, v.indicator_id, v.period,
           COALESCE(MAX(CASE WHEN v.kind = 'actual' THEN v.value END),
                    MAX(CASE WHEN v.kind = 'estimate' THEN v.value END)) AS value
    FROM values_datavalue v
    JOIN units_orgunit u ON u.id = v.org_unit_id
    JOIN province p ON u.path LIKE p.path || '%%'
    WHERE v.period IN (%(period)s, %(previous)s) AND v.kind IN ('actual', 'estimate')
      AND v.variant = '' AND v.disaggregation = '' AND v.value IS NOT NULL
    GROUP BY v.org_unit_id, u.parent_id, v.indicator_id, v.period
),
summed AS (
    -- each commune: its own figures and the sums of its residential groups
    SELECT CASE WHEN b.parent_id = p.id THEN b.org_unit_id ELSE b.parent_id END AS unit_id,
           b.indicator_id, b.period, SUM(b.value) AS value
    FROM best b JOIN province p ON b.org_unit_id <> p.id
    JOIN catalog_indicator i ON i.id = b.indicator_id
    WHERE i.aggregation = 'sum' OR b.parent_id = p.id
    GROUP BY 1, b.indicator_id, b.period
    UNION ALL
    -- the province: its own figures and the sums of everything below it
    SELECT p.id, b.indicator_id, b.period, SUM(b.value)
    FROM best b JOIN province p ON 1 = 1
    JOIN catalog_indicator i ON i.id = b.indicator_id
    WHERE i.aggregation = 'sum' OR b.org_unit_id = p.id
    GROUP BY p.id, b.indicator_id, b.period
),
"""
    + FLOOR_TAIL
)
# The same table from the sums kept by ktxh.values.rollups: what a page built on them cannot go below.
FLOOR_KEPT_SQL = (
    """
WITH
province AS (SELECT id, path FROM units_orgunit WHERE code = %(province)s),
members AS (
    -- the province and its communes
    SELECT u.id FROM units_orgunit u JOIN province p ON u.id = p.id
    UNION ALL
    SELECT u.id FROM units_orgunit u JOIN province p ON u.parent_id = p.id
),
own AS (
    -- the figures entered on the province and on its communes
    SELECT v.org_unit_id, v.indicator_id, v.period,
           COALESCE(MAX(CASE WHEN v.kind = 'actual' THEN v.value END),
                    MAX(CASE WHEN v.kind = 'estimate' THEN v.value END)) AS value
    FROM members m
    JOIN values_datavalue v ON v.org_unit_id = m.id
    WHERE v.period IN (%(period)s, %(previous)s) AND v.kind IN ('actual', 'estimate')
      AND v.variant = '' AND v.disaggregation = '' AND v.value IS NOT NULL
    GROUP BY v.org_unit_id, v.indicator_id, v.period
),
kept AS (
    -- the kept sums of the children of the province (its communes' own figures) and of each commune (its groups')
    SELECT r.parent_id AS unit_id, r.indicator_id, r.period, r.total AS value
    FROM members m
    JOIN values_rollup r ON r.parent_id = m.id
    JOIN catalog_indicator i ON i.id = r.indicator_id
    WHERE r.period IN (%(period)s, %(previous)s) AND r.disaggregation = '' AND i.aggregation = 'sum'
),
summed AS (
    -- each commune: its own figures and the kept sums of its residential groups
    SELECT c.unit_id, c.indicator_id, c.period, SUM(c.value) AS value
    FROM (
        SELECT o.org_unit_id AS unit_id, o.indicator_id, o.period, o.value FROM own o JOIN province p ON o.org_unit_id <> p.id
        UNION ALL
        SELECT k.unit_id, k.indicator_id, k.period, k.value FROM kept k JOIN province p ON k.unit_id <> p.id
    ) c
    GROUP BY c.unit_id, c.indicator_id, c.period
    UNION ALL
    -- the province: its own figures and every kept sum below it
    SELECT p.id, x.indicator_id, x.period, SUM(x.value)
    FROM (
        SELECT o.indicator_id, o.period, o.value FROM own o JOIN province p ON o.org_unit_id = p.id
        UNION ALL
        SELECT k.indicator_id, k.period, k.value FROM kept k
    ) x JOIN province p ON 1 = 1
    GROUP BY p.id, x.indicator_id, x.period
),
"""
    + FLOOR_TAIL
)


def floor(period, kept: bool = False) -> int:
    """The hand-written SQL of the table: the sums added up from every figure, or (``kept``) read from the sums
    ktxh keeps (:mod:`ktxh.values.rollups`; fresh: a page or ``refresh`` read them first)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            FLOOR_KEPT_SQL if kept else FLOOR_SQL,
            {"province": "bench", "period": period.code, "previous": period.previous_year().code},
        )
        return len(cursor.fetchall())


def ours(period) -> int:
    from ktxh.analytics.scorecard import build_scorecards
    from ktxh.units.models import OrgUnit

    province = OrgUnit.objects.get(code="bench")
    communes = list(OrgUnit.objects.filter(parent=province).overlapping(period.start, period.end))
    cards = build_scorecards([province, *communes], period)
    return sum(len(card.rows) for card in cards.values())


def best_time(function, repeat: int, *args) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - started)
    return min(times), result


def ensure_postgres_database(url: str) -> None:
    from urllib.parse import urlparse

    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="sqlite:////tmp/ktxh-bench.sqlite3")
    parser.add_argument("--postgres", action="store_true", help=f"use {POSTGRES_URL}")
    parser.add_argument(
        "--period",
        default=str(synthetic.MERGER_YEAR),
        help="the year of the merger by default, so that last year comes from predecessors",
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    url = POSTGRES_URL if args.postgres else args.database_url
    if url.startswith("postgres"):
        ensure_postgres_database(url)
    synthetic.setup(url)
    from django.db import connection

    from ktxh.periods import Period
    from ktxh.units.models import OrgUnit

    if not OrgUnit.objects.filter(code="bench").exists():
        print("generating the synthetic province (once)…", flush=True)
        summary = synthetic.generate()
        print(f"  {summary['values']:,} values in {summary['seconds']:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    period = Period.parse(args.period)
    floor_time, floor_rows = best_time(floor, args.repeat, period)
    our_time, our_rows = best_time(ours, args.repeat, period)  # reads the kept sums (recomputed first if stale)
    kept_time, kept_rows = best_time(floor, args.repeat, period, True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database: {connection.vendor}; period {period.code}; province + communes")
    print(f"floor (one SQL query): {floor_time:.3f} s, {floor_rows:,} rows")
    print(f"ktxh scorecards:       {our_time:.3f} s, {our_rows:,} rows")
    print(f"ratio ours / floor:    {our_time / floor_time:.2f}  (goal ≤ 2)")
    print(f"floor from kept sums:  {kept_time:.3f} s, {kept_rows:,} rows (the same query over ktxh.values.rollups)")
    print(f"ratio ours / that:     {our_time / kept_time:.2f}")
    print(f"peak memory (process): {peak:.0f} MiB  (goal < 1024)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
