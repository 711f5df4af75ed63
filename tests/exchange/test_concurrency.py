"""Two loads of the same figures at once do not lose an update: the second waits for the first's locks, compares
with what the first wrote and records its own change from there (PostgreSQL; SQLite writes one at a time)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from ktxh.datafiles import LoadError, Problems, Row
from ktxh.history.actor import acting_as
from ktxh.history.models import ChangeRecord
from ktxh.values.loader import load_rows
from ktxh.values.models import DataValue

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def rows(value: str) -> list[Row]:
    return [
        Row(
            "f.csv",
            2,
            {
                "org_unit": "xa",
                "indicator": "dan_lon",
                "period": "2023",
                "kind": "actual",
                "value": value,
                "comment": "giảm 13,7% so cùng kỳ",
            },
        )
    ]


def test_two_loads_at_once_lose_no_update(loaded):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite runs one writer at a time")
    results: dict[str, object] = {}
    barrier = threading.Barrier(2)

    def load(name: str, value: str):
        try:
            barrier.wait()
            with acting_as(name=name):
                results[name] = load_rows(rows(value), Problems())
        except LoadError as error:
            results[name] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=load, args=(n, v)) for n, v in (("a", "11"), ("b", "22"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = DataValue.objects.get(indicator__code="dan_lon", period="2023", kind="actual")
    changes = list(
        ChangeRecord.objects.filter(object_type="values.datavalue", object_id=final.pk, action="update").order_by("pk")
    )
    assert len(changes) == 2
    # the chain is 4426 → first → second: the second change starts from what the first wrote
    assert str(final.value.normalize()) in ("11", "22")
    first, second = changes
    assert str(first.before["value"]).startswith("4426")
    assert str(second.before["value"]) == str(first.after["value"])  # not 4426 again: no lost update
    assert str(second.after["value"]).startswith(str(final.value.normalize()))


def test_two_loads_creating_the_same_figure_get_a_clear_message(loaded):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are PostgreSQL's; SQLite runs one writer at a time")
    results: dict[str, object] = {}
    barrier = threading.Barrier(2)
    new = [
        Row(
            "new.csv",
            2,
            {"org_unit": "xa", "indicator": "tong_so_ho", "period": "2024", "kind": "actual", "value": "1200"},
        )
    ]

    def load(name: str):
        try:
            barrier.wait()
            with acting_as(name=name):
                results[name] = load_rows([Row(r.file, r.line, dict(r.data)) for r in new], Problems())
        except LoadError as error:
            results[name] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=load, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    errors = [r for r in results.values() if isinstance(r, LoadError)]
    assert DataValue.objects.filter(indicator__code="tong_so_ho", period="2024").count() == 1
    if errors:  # the two inserts met: the second is told why, not "duplicate key … KTXH_DATABASE_URL"
        assert "cùng lúc" in str(errors[0]) and "KTXH_DATABASE_URL" not in str(errors[0])
