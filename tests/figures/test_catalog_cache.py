"""The catalog a process keeps between requests (Catalog.current, Labels.current) is never stale: any change of the
catalog made after it was read — through the admin, the catalog loader, a script, another worker — is seen by the
next save and the next page, because the kept copy is checked against the catalog's change records."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ktxh.catalog import version
from ktxh.catalog.models import Dimension, DimensionOption, Indicator, TargetSource
from ktxh.figures.catalog import Catalog
from ktxh.figures.labels import Labels
from ktxh.periods import Period
from ktxh.rules.engine import findings_for
from ktxh.units.models import OrgUnit
from ktxh.values import entry
from tests.conftest import write_csv
from tests.rules.test_rules import RULE_COLUMNS, rule

pytestmark = pytest.mark.django_db
Y2023 = Period.parse("2023")


def test_an_unchanged_catalog_is_read_once_and_then_only_its_version(loaded):
    first = Catalog.current()
    with CaptureQueriesContext(connection) as queries:
        again = Catalog.current()
    assert again is first
    assert len(queries.captured_queries) == 1  # the version stamp, not the indicators
    assert Labels.current() is Labels.current()


def test_a_renamed_indicator_is_seen_by_the_next_read(loaded):
    before = Catalog.current()
    indicator = Indicator.objects.get(code="dan_lon")
    indicator.name = "Tổng đàn lợn"
    indicator.save()
    after = Catalog.current()
    assert after is not before
    assert after.by_code["dan_lon"].name == "Tổng đàn lợn"
    assert before.by_code["dan_lon"].name == "Đàn lợn"  # what was handed out before is left as it was


def test_changes_of_links_options_and_sources_are_seen(loaded):
    catalog, labels = Catalog.current(), Labels.current()
    land = Dimension.objects.get(code="loai_dat")
    Indicator.objects.get(code="dan_lon").dimensions.add(land)  # a many-to-many change
    assert Catalog.current() is not catalog
    option = DimensionOption.objects.get(dimension=land, code="lua")
    option.name = "Đất chuyên trồng lúa nước"
    option.save()
    assert Labels.current() is not labels
    assert Labels.current().disaggregation("loai_dat=lua") == "Đất chuyên trồng lúa nước"
    source = TargetSource.objects.get(code="huyen_giao")
    source.short_name = "huyện giao (sửa)"
    source.save()
    assert Labels.current().source_names["huyen_giao"] == "huyện giao (sửa)"


def test_the_version_moves_with_every_catalog_change_and_only_with_them(loaded):
    start = version.stamp()
    xa = OrgUnit.objects.get(code="xa")
    user = User.objects.create_superuser("admin", "", "pw-123456")
    pigs = Indicator.objects.get(code="dan_lon")
    cell = entry.current(xa, pigs, Y2023, "actual")
    assert entry.save_value(user, xa, pigs, Y2023, "actual", "4.500", cell.version).ok
    assert version.stamp() == start  # a figure is not the catalog: the kept catalog stays
    pigs.direction = "lower"
    pigs.save()
    assert version.stamp() != start


def test_a_catalog_change_after_a_cached_load_is_seen_by_the_next_save(loaded):
    """The rules of a save read the kept catalog: a rename made after it was kept shows in the next finding."""
    write_csv(
        loaded.root / "rules" / "main.csv",
        RULE_COLUMNS,
        [rule("poor_within_households", "ho_ngheo", "≤", "tong_so_ho")],
    )
    from ktxh.rules.loader import load_rules

    load_rules(loaded.root / "rules")
    xa = OrgUnit.objects.get(code="xa")
    user = User.objects.create_superuser("admin", "", "pw-123456")
    households, poor = Indicator.objects.get(code="tong_so_ho"), Indicator.objects.get(code="ho_ngheo")
    cell = entry.current(xa, households, Y2023, "actual")
    assert entry.save_value(user, xa, households, Y2023, "actual", "50", cell.version).ok
    cell = entry.current(xa, poor, Y2023, "actual")
    saved = entry.save_value(user, xa, poor, Y2023, "actual", "60", cell.version)
    assert saved.ok
    (finding,) = findings_for(xa, Y2023)
    assert "Số hộ nghèo" in finding.message
    Catalog.current()  # kept by this process
    poor.name = "Số hộ nghèo đa chiều"
    poor.save()
    assert entry.save_value(user, xa, poor, Y2023, "actual", "70", saved.cell.version).ok
    (finding,) = findings_for(xa, Y2023)
    assert "Số hộ nghèo đa chiều" in finding.message
    assert finding.values["left"] == str(Decimal(70))


def test_a_catalog_change_after_a_cached_load_is_seen_by_the_next_page(loaded, client):
    client.force_login(User.objects.create_superuser("admin", "", "pw-123456"))
    page = client.get("/?unit=xa&period=2023").content.decode()
    assert "Đàn lợn" in page
    pigs = Indicator.objects.get(code="dan_lon")
    pigs.name = "Tổng đàn lợn thịt"
    pigs.save()
    page = client.get("/?unit=xa&period=2023").content.decode()
    assert "Tổng đàn lợn thịt" in page
