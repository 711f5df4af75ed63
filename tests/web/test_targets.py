"""Plan targets: source and form, a new plan started from last year's indicator set, errors kept per row."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from ktxh.figures import statements as stored
from ktxh.units.models import OrgUnit, Role, UnitAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(loaded, client):
    user = User.objects.create_user("an", "", "pw-123456")
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code="xa"), role=Role.ENTER)
    client.login(username="an", password="pw-123456")
    return client


def targets(year):
    xa = OrgUnit.objects.get(code="xa")
    return [s for s in stored.load(unit_ids=[xa.pk], periods=[str(year)], kinds=["target"])]


def test_anonymous_and_readers(loaded, client):
    assert client.get("/chi-tieu/").status_code == 302
    user = User.objects.create_user("xem", "", "pw-123456")
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code="xa"), role=Role.VIEW)
    client.login(username="xem", password="pw-123456")
    assert client.get("/chi-tieu/").status_code == 403


def test_existing_plan_is_shown_with_source_and_form(officer):
    page = officer.get("/chi-tieu/?unit=xa&year=2024").content.decode()
    assert "Đàn lợn" in page and 'value="5.000"' in page and 'value="5.400"' in page
    assert '<option value="range" selected' in page
    assert "2.024" not in page  # years are not numbers with thousands


def test_new_plan_starts_from_last_years_indicator_set(officer):
    page = officer.get("/chi-tieu/?unit=xa&year=2024&add=ty_le_ho_ngheo").content.decode()
    page = officer.get("/chi-tieu/?unit=xa&year=2025").content.decode()
    assert "bộ chỉ tiêu năm 2024" in page and "Đàn lợn" in page
    data = {
        "unit": "xa",
        "year": "2025",
        "n": "1",
        "ind-0": "dan_lon",
        "src-0": "ke_hoach",
        "form-0": "at_least",
        "val-0": "5.500",
        "high-0": "",
        "cmt-0": "theo Nghị quyết",
        "ver-0": "",
        "orig-0": "",
    }
    page = officer.post("/chi-tieu/?unit=xa&year=2025", data).content.decode()
    assert "Đã lưu 1 chỉ tiêu" in page
    saved = targets(2025)
    assert len(saved) == 1 and saved[0].value == Decimal("5500") and saved[0].target_form == "at_least"
    assert saved[0].source == "ke_hoach" and saved[0].comment == "theo Nghị quyết"


def test_bad_target_keeps_what_was_typed(officer):
    data = {
        "unit": "xa",
        "year": "2025",
        "n": "2",
        "ind-0": "dan_lon",
        "src-0": "ke_hoach",
        "form-0": "range",
        "val-0": "5.000",
        "high-0": "4.000",
        "ver-0": "",
        "orig-0": "",
        "ind-1": "tong_so_ho",
        "src-1": "huyen_giao",
        "form-1": "exact",
        "val-1": "nhiều",
        "ver-1": "",
        "orig-1": "",
    }
    page = officer.post("/chi-tieu/?unit=xa&year=2025", data).content.decode()
    assert 'value="nhiều"' in page and 'value="4.000"' in page
    assert "2 dòng chưa lưu" in page
    assert targets(2025) == []


def test_stale_target_is_refused(officer):
    page = officer.get("/chi-tieu/?unit=xa&year=2024").content.decode()
    import re

    version = re.search(r'name="ver-0" value="([^"]*)"', page).group(1)
    orig = re.search(r'name="orig-0" value="([^"]*)"', page).group(1)
    data = {
        "unit": "xa",
        "year": "2024",
        "n": "1",
        "ind-0": "dan_lon",
        "src-0": "ke_hoach",
        "fix-0": "1",
        "form-0": "range",
        "val-0": "5.100",
        "high-0": "5.400",
        "cmt-0": "",
        "ver-0": version,
        "orig-0": orig,
    }
    assert "Đã lưu 1 chỉ tiêu" in officer.post("/chi-tieu/?unit=xa&year=2024", data).content.decode()
    data["val-0"] = "5.200"
    page = officer.post("/chi-tieu/?unit=xa&year=2024", data).content.decode()
    assert "Chưa lưu: an đã sửa số này" in page


def test_out_of_scope_unit_is_404(officer):
    assert officer.get("/chi-tieu/?unit=tinh-moi").status_code == 404
    assert officer.get("/chi-tieu/?unit=xa&year=abc").status_code == 200
