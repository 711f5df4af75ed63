"""People of the small test data set with every role of the workflow, and a helper to act."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from ktxh.catalog.models import Indicator, Sector
from ktxh.periods import Period
from ktxh.units.models import OrgUnit, Role, UnitAccess
from ktxh.workflow import actions

Y2023 = Period.parse("2023")
PASSWORD = "pw-123456"


def person(name: str, unit: str, role: str) -> User:
    user = User.objects.create_user(name, "", PASSWORD)
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code=unit), role=role)
    return user


@pytest.fixture
def people(loaded):
    """Clerk, approver and reader of commune «xa»; the district's approver and administrator (the level above); a
    clerk of another commune; a superuser."""
    return {
        "xa": OrgUnit.objects.get(code="xa"),
        "clerk": person("an", "xa", Role.ENTER),
        "approver": person("lanh-dao", "xa", Role.APPROVE),
        "reader": person("xem", "xa", Role.VIEW),
        "district": person("huyen-duyet", "huyen", Role.APPROVE),
        "district_admin": person("huyen-quan-tri", "huyen", Role.ADMINISTER),
        "other": person("xa-khac", "xa-moi", Role.ENTER),
        "admin": User.objects.create_superuser("admin", "", PASSWORD),
    }


def sector(code: str = "KT") -> Sector:
    return Sector.objects.get(code=code)


def ind(code: str) -> Indicator:
    return Indicator.objects.select_related("unit", "sector").get(code=code)


def approve(people, code: str = "KT", period: Period = Y2023):
    """Submit and approve the sector's report of commune «xa»."""
    actions.act(people["clerk"], actions.SUBMIT, people["xa"], sector(code), period)
    return actions.act(people["approver"], actions.APPROVE, people["xa"], sector(code), period)


def reopen(people, code: str = "KT", period: Period = Y2023, who: str = "approver"):
    return actions.act(people[who], actions.REOPEN, people["xa"], sector(code), period, reason="Sửa số liệu đàn lợn")
