"""Authorization matrix of the workflow's routes, generated from the URL configuration: every route of
``ktxh.web.workflow`` and ``ktxh.api.workflow`` × every role (anonymous, xem, nhập liệu, duyệt, quản trị, granted on
commune «xa») × own unit / child unit / parent unit / another commune. A new workflow route without a rule here fails
the test. The actions are tried with «approve» on a draft, so the answer shows the right, never a change of state."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from ktxh.units.models import OrgUnit, Role, UnitAccess
from ktxh.workflow.models import Submission

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", Role.VIEW, Role.ENTER, Role.APPROVE, Role.ADMINISTER]
PLACES = {"own": "xa", "child": "xa.tdp-1", "parent": "huyen", "other": "xa-moi"}
INSIDE = ("own", "child")


def reading(anonymous: int):
    """A page or endpoint for every role inside the scope; outside it, as if the unit did not exist."""
    return lambda role, place: anonymous if role == "anonymous" else (200 if place in INSIDE else 404)


def approving(anonymous: int, allowed: int):
    """An approval: only duyệt and quản trị (and their «allowed» answer), inside the scope."""

    def expected(role, place):
        if role == "anonymous":
            return anonymous
        if place not in INSIDE:
            return 404
        return allowed if role in (Role.APPROVE, Role.ADMINISTER) else 403

    return expected


# route name → (how to call it for a unit code, expected status for (role, place))
RULES = {
    "progress": (lambda c, code: c.get(f"/tien-do/?unit={code}&period=2023"), reading(302)),
    "entry-workflow": (
        lambda c, code: c.post(
            "/nhap-lieu/trang-thai/", {"unit": code, "sector": "KT", "period": "2023", "action": "approve"}
        ),
        approving(302, 302),  # back to the entry page, with «a draft cannot be approved» said there
    ),
    "api:workflow": (
        lambda c, code: c.get(f"/api/workflow/?org_unit={code}&period=2023"),
        reading(401),
    ),
    "api:workflow-progress": (
        lambda c, code: c.get(f"/api/workflow/progress/?org_unit={code}&period=2023"),
        reading(401),
    ),
    "api:workflow/post": (
        lambda c, code: c.post(
            "/api/workflow/",
            {"org_unit": code, "sector": "KT", "period": "2023", "action": "approve"},
            content_type="application/json",
        ),
        approving(401, 409),  # a draft cannot be approved: the right is there, the state says no
    ),
}
WORKFLOW_VIEWS = ("ktxh.web.workflow", "ktxh.api.workflow")


def workflow_routes() -> set[str]:
    """The names of the routes whose views are the workflow's, from the URL configuration."""
    found = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", pattern.callback)
                if view.__module__ in WORKFLOW_VIEWS:
                    found.add(f"{namespace}{pattern.name}")
                    if hasattr(view, "post") and hasattr(view, "get"):
                        found.add(f"{namespace}{pattern.name}/post")

    walk(get_resolver().url_patterns)
    return found


def test_every_workflow_route_has_a_rule():
    routes = workflow_routes()
    assert routes, "the workflow's routes were not found in the URL configuration"
    assert sorted(routes - set(RULES)) == []
    assert sorted(set(RULES) - routes) == []


@pytest.fixture
def clients(loaded):
    xa = OrgUnit.objects.get(code="xa")
    found = {"anonymous": Client()}
    for role in ROLES[1:]:
        user = User.objects.create_user(f"u-{role}", "", "pw-123456")
        UnitAccess.objects.create(user=user, org_unit=xa, role=role)
        client = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        client.force_login(user)
        found[role] = client
    return found


@pytest.mark.parametrize("route", sorted(RULES))
def test_matrix(clients, route):
    call, expected = RULES[route]
    wrong = []
    for role, client in clients.items():
        for place, code in PLACES.items():
            status = call(client, code).status_code
            if status != expected(role, place):
                wrong.append((str(role), place, status, expected(role, place)))
    assert wrong == []
    assert not Submission.objects.exclude(state="draft").exists()
