"""schemathesis against the API's own OpenAPI schema: no request the schema allows may end in a server error."""

from __future__ import annotations

import pytest
import schemathesis
from django.contrib.auth.models import User
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from ktxh.units.models import OrgUnit, Role, UnitAccess
from ktxh.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def token(loaded):
    user = User.objects.create_user("fuzz")
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code="xa"), role=Role.ENTER)
    return Token.objects.create(user=user).key


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_error(case, token):
    response = case.call(headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=[not_a_server_error])
