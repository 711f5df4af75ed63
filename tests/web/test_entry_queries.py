"""A save from the entry grid — the request deadline day is made of — reads each thing once: the user's grants,
the lock of the cell's place, the target sources (from the catalog the process keeps), the stored figure (the
change log's "before" is the row the save read and claimed). Counted, so that a repeated query cannot come back
unseen; the behaviour around it (history, conflict, lock) is tests/web/test_entry.py's."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ktxh.catalog.models import Indicator
from ktxh.history.models import ChangeRecord
from ktxh.periods import Period
from ktxh.units.models import OrgUnit, Role, UnitAccess
from ktxh.values import entry

pytestmark = pytest.mark.django_db

# The save's queries on a commune officer's cell of the test catalog now (the session and the user, the grants, the
# units and the indicator of the address, the lock, the row, its claim and update, the change log, then the
# validation rules of the unit and the units above, and the findings shown beside the cell). Before the repeated
# reads were removed: 20 (32 on the demo province, now 24).
SAVE_QUERIES = 15


def tables(queries) -> list[str]:
    """The table each SELECT reads first (FROM …)."""
    found = []
    for query in queries:
        match = re.match(r'\s*SELECT .*? FROM "(\w+)"', query["sql"], re.S)
        if match:
            found.append(match.group(1))
    return found


def save(client, text: str, version: str):
    return client.post(
        "/nhap-lieu/o/",
        {"unit": "xa", "indicator": "dan_lon", "period": "2023", "kind": "actual", "text": text, "version": version},
        HTTP_HX_REQUEST="true",
    )


def test_a_cell_save_reads_each_thing_once(loaded, client):
    xa = OrgUnit.objects.get(code="xa")
    officer = User.objects.create_user("an", "", "pw-123456")
    UnitAccess.objects.create(user=officer, org_unit=xa, role=Role.ENTER)
    pigs = Indicator.objects.get(code="dan_lon")
    client.force_login(officer)
    year = Period.parse("2023")
    assert "đã lưu" in save(client, "4.100", entry.current(xa, pigs, year, "actual").version).content.decode()
    version = entry.current(xa, pigs, year, "actual").version  # the first save of a process reads the catalog

    with CaptureQueriesContext(connection) as queries:
        page = save(client, "4.200", version).content.decode()

    assert "đã lưu" in page and 'value="4.200"' in page
    read = tables(queries.captured_queries)
    assert read.count("units_unitaccess") == 1  # the grants: for the units of the address and the save's check
    assert read.count("workflow_submission") == 1  # the lock: asked once, in the save's transaction
    assert read.count("catalog_targetsource") == 0  # kept with the catalog's labels
    assert read.count("catalog_indicator") == 1  # the address's indicator, not again for the model's checks
    assert len(queries.captured_queries) <= SAVE_QUERIES, [q["sql"][:120] for q in queries.captured_queries]
    last = ChangeRecord.objects.filter(object_type="values.datavalue").order_by("-id").first()
    assert (last.before["value"], last.after["value"], last.actor) == ("4100", "4200", "an")
