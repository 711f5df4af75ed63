"""The dashboard reads the figures in a fixed number of queries, however many units lie below (no query per unit or
per indicator), and a district's comparison of its communes comes from the page's own figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ktxh.catalog.models import Indicator
from ktxh.units.models import OrgUnit
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db
UNTIL = dt.date(2025, 6, 30)  # the district and its commune end then (tests/conftest.py)


def add_communes(count: int, start: int) -> None:
    district = OrgUnit.objects.get(code="huyen")
    pigs, poor = Indicator.objects.get(code="dan_lon"), Indicator.objects.get(code="ho_ngheo")
    for n in range(start, start + count):
        commune = OrgUnit.objects.create(
            code=f"xa-{n}", name=f"Xã số {n}", type="commune", parent=district, valid_to=UNTIL
        )
        group = OrgUnit.objects.create(
            code=f"xa-{n}.tdp", name="Tổ 1", type="residential_group", parent=commune, valid_to=UNTIL
        )
        DataValue.objects.create(indicator=pigs, org_unit=commune, period="2023", kind="actual", value=Decimal(n))
        DataValue.objects.create(indicator=poor, org_unit=group, period="2023", kind="actual", value=Decimal(n + 1))


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_the_dashboard_of_a_district_does_not_query_per_commune(loaded, admin_client):
    add_communes(2, start=1)
    admin_client.get("/?unit=huyen&period=2023")  # the first request of a process reads the catalog once
    few = queries_of(admin_client, "/?unit=huyen&period=2023")
    add_communes(8, start=3)
    admin_client.get("/?unit=huyen&period=2023")
    many = queries_of(admin_client, "/?unit=huyen&period=2023")
    assert many == few
    page = admin_client.get("/?unit=huyen&period=2023").content.decode()
    assert "Xã số 10" in page and 'hx-get="/so-sanh/' not in page  # compared within the same request


def test_the_dashboard_of_a_commune_does_not_query_per_group(loaded, admin_client):
    xa = OrgUnit.objects.get(code="xa")
    poor = Indicator.objects.get(code="ho_ngheo")

    def add_groups(count: int, start: int) -> None:
        for n in range(start, start + count):
            group = OrgUnit.objects.create(
                code=f"xa.g{n}", name=f"Tổ {n}", type="residential_group", parent=xa, valid_to=UNTIL
            )
            DataValue.objects.create(indicator=poor, org_unit=group, period="2023", kind="actual", value=Decimal(n))

    add_groups(2, start=1)
    admin_client.get("/?unit=xa&period=2023")
    few = queries_of(admin_client, "/?unit=xa&period=2023")
    add_groups(8, start=3)
    admin_client.get("/?unit=xa&period=2023")
    assert queries_of(admin_client, "/?unit=xa&period=2023") == few
