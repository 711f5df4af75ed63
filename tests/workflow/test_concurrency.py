"""An approval and a load at the same moment (PostgreSQL; SQLite writes one at a time): either the load is written
before the approval (its change is older than the approval) or it is refused — never an approved report whose
figures changed after the leader approved them."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from ktxh.datafiles import LoadError, Problems, Row
from ktxh.history.actor import acting_as
from ktxh.history.models import ChangeRecord
from ktxh.values.loader import load_rows
from ktxh.values.models import DataValue
from ktxh.workflow import actions
from ktxh.workflow.models import Submission
from tests.workflow.conftest import Y2023, reopen, sector

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def race(people, value: str) -> dict[str, object]:
    """Start a load of ``value`` and the approval of the submitted KT report of «xa» at the same moment."""
    xa = people["xa"]
    results: dict[str, object] = {}
    barrier = threading.Barrier(2)

    def load():
        try:
            barrier.wait()
            figure = {"org_unit": "xa", "indicator": "dan_lon", "period": "2023", "kind": "actual", "value": value}
            with acting_as(name="tai"):
                results["load"] = load_rows([Row("f.csv", 2, figure)], Problems())
        except LoadError as error:
            results["load"] = error
        finally:
            connections.close_all()

    def approve():
        try:
            barrier.wait()
            results["approve"] = actions.act(people["approver"], actions.APPROVE, xa, sector("KT"), Y2023)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=load), threading.Thread(target=approve)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_approval_and_load_at_once(people):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite runs one writer at a time")
    xa = people["xa"]
    for attempt, value in enumerate(("5001", "5002", "5003")):
        actions.act(people["clerk"], actions.SUBMIT, xa, sector("KT"), Y2023)
        results = race(people, value)
        approved_at = Submission.objects.get().approved_at
        figure = DataValue.objects.get(org_unit=xa, indicator__code="dan_lon", period="2023", kind="actual")
        if isinstance(results["load"], LoadError):
            assert figure.value != int(value), attempt
        else:
            change = ChangeRecord.objects.filter(object_type="values.datavalue", object_id=figure.pk).latest("id")
            assert figure.value == int(value) and change.time < approved_at, attempt
        reopen(people)
