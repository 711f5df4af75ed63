"""Benchmark: saving one value by hand, with its validation — the data-entry grid's save — on the demo commune.

    python benchmarks/save_value.py [--database-url URL] [--count 200]

Times, for the same cell, alternating between two values so that every save is a real change:

- the floor: a bare ``UPDATE`` of the row's value (no checks, no change log, no rules);
- the service: :func:`ktxh.values.entry.save_value` — parse the Vietnamese text, check the version (a conditional
  UPDATE), validate, save, write the change log, run the validation rules of the unit and the units above;
- the web: the same through the entry grid's cell view (POST, render the cell and the indicator's findings).

Goal: the service (the save with its validation) ≤ 100 ms at p95.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
sys.path.insert(0, os.path.dirname(__file__))

import synthetic


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def show(label: str, seconds: list[float]) -> float:
    ms = [s * 1000 for s in seconds]
    p95 = percentile(ms, 0.95)
    print(f"  {label:<44} p50 {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms   max {max(ms):7.2f} ms")
    return p95


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="sqlite:////tmp/ktxh-bench-save.sqlite3")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--indicator", default="", help="indicator code (default: the first entered actual)")
    args = parser.parse_args(argv)
    synthetic.setup(args.database_url)
    from django.contrib.auth.models import User
    from django.test import Client

    from ktxh.datasets import ensure_demo_user, load_demo
    from ktxh.numbers import format_number
    from ktxh.periods import Period
    from ktxh.units.models import OrgUnit
    from ktxh.values import entry
    from ktxh.values.models import DataValue

    if not OrgUnit.objects.filter(code="07840").exists() and not DataValue.objects.exists():
        print("loading the demo data (once)…", flush=True)
        load_demo()
    user = ensure_demo_user()
    period = Period.parse("2023")
    rows = DataValue.objects.filter(
        period="2023",
        kind="actual",
        disaggregation="",
        variant="",
        indicator__formula="",
        indicator__numerator__isnull=True,
        indicator__value_type="integer",
    ).select_related("indicator", "org_unit")
    if args.indicator:
        rows = rows.filter(indicator__code=args.indicator)
    row = rows.order_by("org_unit__path", "indicator__order").first()
    if row is None:
        print("no entered figure to save over; load the demo data first", file=sys.stderr)
        return 1
    unit, indicator = row.org_unit, row.indicator
    base = row.value
    values = [base, base + 1]
    print(
        f"saving «{indicator.name}» of {unit.name}, {period.label}, {args.count} times "
        f"({'SQLite' if 'sqlite' in args.database_url else 'PostgreSQL'}):"
    )

    floor = []
    for n in range(args.count):
        started = time.perf_counter()
        DataValue.objects.filter(pk=row.pk).update(value=values[n % 2])
        floor.append(time.perf_counter() - started)

    service = []
    DataValue.objects.filter(pk=row.pk).update(value=values[1])
    cell = entry.current(unit, indicator, period, "actual")
    for n in range(args.count):
        text = format_number(values[n % 2])
        started = time.perf_counter()
        result = entry.save_value(user, unit, indicator, period, "actual", text, cell.version)
        service.append(time.perf_counter() - started)
        assert result.status == entry.SAVED, (result.status, result.errors)
        cell = result.cell

    # Where the time goes: the same saves with the validation rules' signal disconnected (never in production).
    from django.db.models.signals import post_save

    from ktxh.rules.engine import _on_change

    bare_service = []
    post_save.disconnect(_on_change, sender=DataValue, dispatch_uid="ktxh-rules-save")
    try:
        for n in range(args.count):
            text = format_number(values[n % 2])
            started = time.perf_counter()
            result = entry.save_value(user, unit, indicator, period, "actual", text, cell.version)
            bare_service.append(time.perf_counter() - started)
            cell = result.cell
    finally:
        post_save.connect(_on_change, sender=DataValue, dispatch_uid="ktxh-rules-save")

    client = Client()
    client.force_login(User.objects.get(pk=user.pk))
    web = []
    DataValue.objects.filter(pk=row.pk).update(value=values[1])
    cell = entry.current(unit, indicator, period, "actual")
    for n in range(args.count):
        text = format_number(values[n % 2])
        started = time.perf_counter()
        response = client.post(
            "/nhap-lieu/o/",
            {
                "unit": unit.code,
                "indicator": indicator.code,
                "period": "2023",
                "kind": "actual",
                "text": text,
                "version": cell.version,
            },
            HTTP_HX_REQUEST="true",
            HTTP_HOST="127.0.0.1",
        )
        web.append(time.perf_counter() - started)
        assert response.status_code == 200 and b"cellbox saved" in response.content, response.content[:300]
        cell = entry.current(unit, indicator, period, "actual")
    DataValue.objects.filter(pk=row.pk).update(value=Decimal(base))

    show("floor: bare UPDATE of the value", floor)
    p95 = show("save_value (parse, version, validate, log, rules)", service)
    show("save_value with the rules switched off", bare_service)
    show("web cell view (the above + render + findings)", web)
    print(f"  goal: save with validation ≤ 100 ms at p95 — {'met' if p95 <= 100 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
