"""A synthetic province for benchmarks: 100 communes × 16 residential groups, 300 indicators, 5 years, targets from
two sources, and a merger in year 4 (communes 1–10 merged pairwise on 1 January of that year).

    python benchmarks/synthetic.py --database-url sqlite:////tmp/ktxh-bench.sqlite3

Values are written with plain ``executemany`` in one transaction, without the change log, so the kept roll-ups are
rebuilt after (``ktxh.values.rollups.rebuild``); the figures are random but reproducible (seeded).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time

FIRST_YEAR = 2020
YEARS = 5
MERGER_YEAR = FIRST_YEAR + 3
COMMUNES = 100
GROUPS = 16
GROUP_INDICATORS = 150  # collected at residential-group level, summed upwards
COMMUNE_INDICATORS = 100  # collected at commune level
RATIOS = 30  # recomputed from two group-level indicators
RATES = 20  # percentages entered at commune level
TARGETED = 100  # indicators with targets, from two sources


def setup(database_url: str) -> None:
    os.environ["KTXH_DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def generate(seed: int = 1) -> dict:
    from django.db import connection, transaction

    from ktxh.catalog.models import Indicator, Measure, Sector, TargetSource
    from ktxh.history.models import ChangeRecord
    from ktxh.history.recorder import record_many
    from ktxh.periods import Period
    from ktxh.units.models import OrgUnit, UnitLink
    from ktxh.values.models import DataValue

    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        count, _ = Measure.objects.get_or_create(symbol="đơn vị", defaults={"name": "đơn vị", "dimension": "count"})
        percent, _ = Measure.objects.get_or_create(symbol="%", defaults={"name": "phần trăm", "dimension": "percent"})
        sector, _ = Sector.objects.get_or_create(code="BENCH", defaults={"name": "Chỉ tiêu thử nghiệm"})
        sources = [
            TargetSource.objects.get_or_create(code=code, defaults={"name": name, "short_name": name, "order": i})[0]
            for i, (code, name) in enumerate([("tinh_giao", "tỉnh giao"), ("nq_hdnd", "NQ HĐND")])
        ]
        indicators = []
        for i in range(GROUP_INDICATORS + COMMUNE_INDICATORS):
            indicators.append(
                Indicator(
                    code=f"bench_{i:03d}",
                    name=f"Chỉ tiêu {i:03d}",
                    sector=sector,
                    unit=count,
                    value_type="integer",
                    aggregation="sum",
                    period_aggregation="last" if i % 5 == 0 else "sum",
                    direction="lower" if i % 7 == 0 else "higher",
                    order=i,
                )
            )
        Indicator.objects.bulk_create(indicators)
        indicators = list(Indicator.objects.filter(code__startswith="bench_").order_by("code"))
        ratios = []
        for r in range(RATIOS):
            ratios.append(
                Indicator(
                    code=f"bench_ratio_{r:02d}",
                    name=f"Tỷ lệ {r:02d}",
                    sector=sector,
                    unit=percent,
                    value_type="percent",
                    aggregation="ratio",
                    numerator=indicators[2 * r + 1],
                    denominator=indicators[2 * r + 2],
                    factor=100,
                    direction="higher",
                    period_aggregation="none",
                    order=1000 + r,
                )
            )
        rates = [
            Indicator(
                code=f"bench_rate_{r:02d}",
                name=f"Tỷ lệ nhập {r:02d}",
                sector=sector,
                unit=percent,
                value_type="percent",
                aggregation="none",
                period_aggregation="none",
                order=2000 + r,
            )
            for r in range(RATES)
        ]
        Indicator.objects.bulk_create(ratios + rates)
        rates = list(Indicator.objects.filter(code__startswith="bench_rate_"))
        # Bulk writers log what they wrote (the change log is also the catalog's version: ktxh.catalog.version).
        record_many(
            ChangeRecord.Action.CREATE, ((i, None) for i in Indicator.objects.filter(code__startswith="bench_"))
        )

        province = OrgUnit(code="bench", name="Tỉnh Thử nghiệm", type="province", valid_from=dt.date(2000, 1, 1))
        province.save()
        communes = []
        end_old = dt.date(MERGER_YEAR - 1, 12, 31)
        start_new = dt.date(MERGER_YEAR, 1, 1)
        for c in range(COMMUNES):
            merged = c < 10
            communes.append(
                OrgUnit(
                    code=f"bench-{c:03d}",
                    name=f"Xã {c:03d}",
                    type="commune",
                    parent=province,
                    valid_to=end_old if merged else None,
                )
            )
        for m in range(5):
            communes.append(
                OrgUnit(code=f"bench-m{m}", name=f"Xã mới {m}", type="commune", parent=province, valid_from=start_new)
            )
        for unit in communes:
            unit.save()
        OrgUnit.objects.bulk_create(
            [
                OrgUnit(
                    code=f"{unit.code}.{g:02d}",
                    name=f"Tổ dân phố {g + 1} {unit.name}",
                    type="residential_group",
                    parent=unit,
                    valid_from=unit.valid_from,
                    valid_to=unit.valid_to,
                )
                for unit in communes
                for g in range(GROUPS)
            ],
            batch_size=2000,
        )
        group_units: dict[int, list] = {c.pk: [] for c in communes}
        saved = list(OrgUnit.objects.filter(parent__in=communes).select_related("parent"))
        for unit in saved:
            unit.path, unit.depth = f"{unit.parent.path}{unit.pk}/", unit.parent.depth + 1
            group_units[unit.parent_id].append(unit)
        OrgUnit.objects.bulk_update(saved, ["path", "depth"], batch_size=2000)
        for m in range(5):
            for old in (communes[2 * m], communes[2 * m + 1]):
                UnitLink.objects.create(predecessor=old, successor=communes[COMMUNES + m], date=start_new, kind="merge")

        table = DataValue._meta.db_table
        sql = (
            f"INSERT INTO {table} (indicator_id, org_unit_id, disaggregation, period, period_start, period_end, "
            "kind, target_source_id, target_form, variant, value, value_high, text, comment, source, updated_at) "
            "VALUES (%s, %s, '', %s, %s, %s, %s, %s, %s, '', %s, NULL, '', '', '', %s)"
        )
        now = dt.datetime.now(dt.UTC)
        rows = 0
        with connection.cursor() as cursor:
            for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
                period = Period.year_of(year)
                batch = []
                alive = [
                    c
                    for c in communes
                    if (c.valid_from or dt.date.min) <= period.end and (c.valid_to or dt.date.max) >= period.start
                ]
                for commune in alive:
                    for group in group_units[commune.pk]:
                        for indicator in indicators[:GROUP_INDICATORS]:
                            batch.append(
                                (
                                    indicator.pk,
                                    group.pk,
                                    period.code,
                                    period.start,
                                    period.end,
                                    "actual",
                                    None,
                                    "",
                                    rng.randint(10, 1000),
                                    now,
                                )
                            )
                    for indicator in indicators[GROUP_INDICATORS:]:
                        batch.append(
                            (
                                indicator.pk,
                                commune.pk,
                                period.code,
                                period.start,
                                period.end,
                                "estimate" if year == FIRST_YEAR + YEARS - 1 else "actual",
                                None,
                                "",
                                rng.randint(100, 10000),
                                now,
                            )
                        )
                    for indicator in rates:
                        batch.append(
                            (
                                indicator.pk,
                                commune.pk,
                                period.code,
                                period.start,
                                period.end,
                                "actual",
                                None,
                                "",
                                round(rng.uniform(50, 100), 1),
                                now,
                            )
                        )
                    for source in sources:
                        for indicator in indicators[:TARGETED]:
                            batch.append(
                                (
                                    indicator.pk,
                                    commune.pk,
                                    period.code,
                                    period.start,
                                    period.end,
                                    "target",
                                    source.pk,
                                    "at_least" if indicator.pk % 3 else "exact",
                                    rng.randint(100, 16000),
                                    now,
                                )
                            )
                for source in sources:
                    for indicator in indicators[:TARGETED]:
                        batch.append(
                            (
                                indicator.pk,
                                province.pk,
                                period.code,
                                period.start,
                                period.end,
                                "target",
                                source.pk,
                                "exact",
                                rng.randint(10000, 1600000),
                                now,
                            )
                        )
                cursor.executemany(sql, batch)
                rows += len(batch)
    # The figures were written without the change log, so nothing marked the kept roll-ups stale: rebuild them (the
    # rule for every writer that bypasses the log, ktxh.values.rollups).
    from ktxh.values import rollups

    rollups.rebuild()
    with connection.cursor() as cursor:
        # Fresh statistics, as a database in use has: without them PostgreSQL plans the province's queries for
        # empty tables (a province's page took 31 s instead of 5 s on a freshly generated database).
        cursor.execute("ANALYZE")
    return {
        "values": rows,
        "units": OrgUnit.objects.filter(code__startswith="bench").count(),
        "indicators": Indicator.objects.filter(code__startswith="bench_").count(),
        "seconds": time.perf_counter() - started,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    args = parser.parse_args(argv)
    setup(args.database_url)
    from ktxh.units.models import OrgUnit

    if OrgUnit.objects.filter(code="bench").exists():
        print("synthetic province already present", file=sys.stderr)
        return 0
    summary = generate()
    print(
        f"generated {summary['values']:,} values, {summary['units']:,} units, {summary['indicators']} indicators "
        f"in {summary['seconds']:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    raise SystemExit(main())
