"""The change log is append-only on every path: the model, its queries, and the database itself."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction

from ktxh.history.guard import replacing_database
from ktxh.history.models import AppendOnlyError, ChangeRecord
from ktxh.units.models import OrgUnit, Role, UnitAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    OrgUnit.objects.create(code="xa-log", name="Xã", type="commune")
    return ChangeRecord.objects.filter(object_type="units.orgunit").latest("id")


def test_model_refuses_edit_and_delete(record):
    record.actor = "someone else"
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()


def test_queryset_update_and_delete_raise(record):
    with pytest.raises(AppendOnlyError):
        ChangeRecord.objects.filter(pk=record.pk).update(actor="x")
    with pytest.raises(AppendOnlyError):
        ChangeRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(AppendOnlyError), transaction.atomic():
        ChangeRecord.objects.bulk_update([record], ["actor"])
    assert ChangeRecord.objects.get(pk=record.pk).actor != "x"


@pytest.mark.parametrize(
    "sql",
    ["UPDATE history_changerecord SET actor = 'x' WHERE id = %s", "DELETE FROM history_changerecord WHERE id = %s"],
)
def test_database_refuses_update_and_delete(record, sql):
    with pytest.raises(DatabaseError, match="can only be added to"), transaction.atomic(), connection.cursor() as c:
        c.execute(sql, [record.pk])
    assert ChangeRecord.objects.filter(pk=record.pk, actor=record.actor).exists()


def test_database_refuses_truncate_on_postgresql(record):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    with pytest.raises(DatabaseError, match="can only be added to"), transaction.atomic(), connection.cursor() as c:
        c.execute("TRUNCATE history_changerecord")
    assert ChangeRecord.objects.filter(pk=record.pk).exists()


def test_only_replacing_the_database_may_empty_it(record):
    OrgUnit.objects.create(code="xa-log-2", name="Xã 2", type="commune")
    with replacing_database(connection), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM history_changerecord WHERE id = %s", [record.pk])
    assert not ChangeRecord.objects.filter(pk=record.pk).exists()
    # the gate is closed again afterwards
    other = ChangeRecord.objects.latest("id")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM history_changerecord WHERE id = %s", [other.pk])


def test_deleting_a_user_keeps_the_author_of_their_changes(client):
    user = User.objects.create_user("tam", "", "Mat-khau-rat-dai-2024")
    unit = OrgUnit.objects.create(code="xa-u", name="Xã U", type="commune")
    from ktxh.history.actor import acting_as

    with acting_as(user):
        unit.name = "Xã U mới"
        unit.save()
    change = ChangeRecord.objects.filter(object_type="units.orgunit", object_id=unit.pk, action="update").get()
    user.delete()
    change = ChangeRecord.objects.get(pk=change.pk)
    assert change.actor == "tam"
    assert change.user_id is not None
    assert ChangeRecord.objects.filter(object_type="auth.user", action="delete", object_repr="tam").exists()


def test_users_and_grants_are_in_the_log():
    user = User.objects.create_user("lan", "", "Mat-khau-rat-dai-2024")
    unit = OrgUnit.objects.create(code="xa-g", name="Xã G", type="commune")
    created = ChangeRecord.objects.get(object_type="auth.user", object_id=user.pk, action="create")
    assert "password" not in created.after and created.after["username"] == "lan"
    grant = UnitAccess.objects.create(user=user, org_unit=unit, role=Role.ENTER)
    grant.role, grant.sectors = Role.APPROVE, ["KT"]
    grant.save()
    grant.delete()
    records = ChangeRecord.objects.filter(object_type="units.unitaccess").order_by("id")
    assert [r.action for r in records] == ["create", "update", "delete"]
    assert records[1].before["role"] == "nhap-lieu" and records[1].after == {
        "user_id": user.pk,
        "org_unit_id": unit.pk,
        "role": "duyet",
        "sectors": ["KT"],
    }
    user.is_active = False
    user.save()
    deactivated = ChangeRecord.objects.filter(object_type="auth.user", object_id=user.pk, action="update").latest("id")
    assert deactivated.before["is_active"] is True and deactivated.after["is_active"] is False
    user.set_password("Another-long-pass-2025")
    user.save()
    assert ChangeRecord.objects.filter(object_type="auth.user", object_id=user.pk, action="update").count() == 1


def test_a_finding_status_set_in_the_admin_is_in_the_log(client):
    """The rule engine logs the findings it resolves; a status set by hand in the admin is logged too, with who."""
    from ktxh.rules.models import Finding, FindingStatus, Rule

    unit = OrgUnit.objects.create(code="xa-f", name="Xã F", type="commune")
    rule = Rule.objects.create(code="r1", name="Tổng bằng tổng các phần", left="a", right="b", operator="=")
    finding = Finding.objects.create(rule=rule, org_unit=unit, period="2024", severity="error", message="a ≠ b")
    admin = User.objects.create_superuser("quantri", "", "Mat-khau-rat-dai-2024")
    client.force_login(admin)
    response = client.post(f"/admin/rules/finding/{finding.pk}/change/", {"status": FindingStatus.RESOLVED})
    assert response.status_code == 302
    record = ChangeRecord.objects.filter(object_type="rules.finding", object_id=finding.pk, action="update").get()
    assert (record.before["status"], record.after["status"], record.actor) == ("open", "resolved", "quantri")
