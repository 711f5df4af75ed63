"""The review queue: proposals stored, accepted (corrected) or rejected by a person who may enter figures for the
unit; accepted ones become figures through the values loader with their provenance; other units are a 404."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from ktxh.ingest.matcher import Entry
from ktxh.ingest.models import ProposedFigure, Status
from ktxh.ingest.propose import Proposal
from ktxh.ingest.queue import enqueue
from ktxh.units.models import OrgUnit, Role, UnitAccess
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db


def queued(unit_code="xa", code="ho_ngheo", value=84.0, kind="result"):
    unit = OrgUnit.objects.get(code=unit_code)
    enqueue(
        [Proposal(code, unit.code, "2024", kind, value, "hộ", "Tổng số hộ nghèo 84 hộ = 1,59%.", 0.9, "test")],
        unit,
        "/tmp/bao-cao-2024.docx",
    )
    return ProposedFigure.objects.latest("id")


def user_for(unit_code, role=Role.ENTER):
    user = User.objects.create_user("nhaplieu", "", "pw-123456")
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code=unit_code), role=role)
    return user


def test_accept_makes_a_figure_with_its_provenance(loaded, client):
    proposal = queued()
    client.force_login(user_for("xa"))
    page = client.get("/xem-xet/").content.decode()
    assert "Tổng số hộ nghèo 84 hộ" in page
    response = client.post(f"/xem-xet/{proposal.pk}/", {"action": "accept", "indicator": "ho_ngheo", "value": "85"})
    assert response.status_code == 302
    figure = DataValue.objects.get(org_unit__code="xa", indicator__code="ho_ngheo", period="2024", kind="actual")
    assert figure.value == Decimal("85")  # corrected
    assert "bao-cao-2024.docx" in figure.source and "Tổng số hộ nghèo 84 hộ" in figure.comment
    proposal.refresh_from_db()
    assert proposal.status == Status.ACCEPTED


def test_reject_records_nothing(loaded, client):
    proposal = queued()
    client.force_login(user_for("xa"))
    client.post(f"/xem-xet/{proposal.pk}/", {"action": "reject"})
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED
    assert not DataValue.objects.filter(period="2024", indicator__code="ho_ngheo", kind="actual").exists()


def test_out_of_scope_or_view_only_is_a_404(loaded, client):
    proposal = queued()
    client.force_login(user_for("xa.tdp-1"))
    assert client.post(f"/xem-xet/{proposal.pk}/", {"action": "reject"}).status_code == 404
    assert "Tổng số hộ nghèo 84 hộ" not in client.get("/xem-xet/").content.decode()


def test_an_unmatched_statement_becomes_a_new_indicator(loaded, client):
    proposal = queued(code="khong_co")
    client.force_login(user_for("xa"))
    client.post(
        f"/xem-xet/{proposal.pk}/",
        {"action": "new_indicator", "new_code": "ho_ngheo_moi", "new_name": "Số hộ nghèo mới phát sinh"},
    )
    assert DataValue.objects.filter(indicator__code="ho_ngheo_moi", period="2024").exists()


def test_a_change_cannot_be_accepted_as_a_figure(loaded, client):
    proposal = queued(kind="change", value=23.0)
    client.force_login(user_for("xa"))
    client.post(f"/xem-xet/{proposal.pk}/", {"action": "accept"})
    proposal.refresh_from_db()
    assert proposal.status == Status.PENDING
    assert Entry  # the matcher's entries stay importable here
