"""The audit trail per user: who may read it, what it shows, and its downloads (formula cells neutralised)."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import User

from ktxh.history.actor import acting_as
from ktxh.units.models import OrgUnit, Role, UnitAccess

pytestmark = pytest.mark.django_db


def grant(name: str, code: str, role=Role.VIEW) -> User:
    user = User.objects.create_user(name, "", "Mat-khau-rat-dai-2024")
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code=code), role=role)
    return user


@pytest.fixture
def people(loaded):
    officer = grant("canbo-xa", "xa.tdp-1", Role.ENTER)
    with acting_as(officer):
        unit = OrgUnit.objects.get(code="xa.tdp-1")
        unit.name = '=HYPERLINK("http://x")'
        unit.save()
    return {
        "admin_xa": grant("quantri-xa", "xa", Role.ADMINISTER),
        "approver_xa": grant("duyet-xa", "xa", Role.APPROVE),
        "officer": officer,
        "district": grant("canbo-huyen", "huyen", Role.ENTER),
    }


def test_an_administrator_sees_the_trails_of_the_users_of_their_units_only(client, people):
    client.force_login(people["admin_xa"])
    listing = client.get("/nhat-ky/").content.decode()
    assert "canbo-xa" in listing and "duyet-xa" in listing and "canbo-huyen" not in listing
    trail = client.get(f"/nhat-ky/{people['officer'].pk}/")
    assert trail.status_code == 200 and "HYPERLINK" in trail.content.decode()
    assert client.get(f"/nhat-ky/{people['district'].pk}/").status_code == 404
    assert client.get("/nhat-ky/999999/").status_code == 404


def test_users_who_do_not_administer_have_no_audit_trail(client, people):
    client.force_login(people["approver_xa"])
    assert client.get("/nhat-ky/").status_code == 403
    assert client.get(f"/nhat-ky/{people['officer'].pk}/").status_code == 404


def test_the_downloads_neutralise_formulas(client, people):
    client.force_login(people["admin_xa"])
    response = client.get(f"/nhat-ky/{people['officer'].pk}/?format=csv")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    objects = [row[5] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in objects
    assert not any(cell.startswith("=") for row in rows for cell in row)
    response = client.get(f"/nhat-ky/{people['officer'].pk}/?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert '\'=HYPERLINK("http://x")' in cells
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert client.get(f"/nhat-ky/{people['officer'].pk}/?format=pdf").status_code == 400
