"""The REST API: token authentication, the web's scope, writes through the loader, JSON 4xx errors, and
schemathesis against the OpenAPI schema without a server error."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ktxh.history.models import ChangeRecord
from ktxh.units.models import OrgUnit, Role, UnitAccess
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def clerk(loaded):
    """A data-entry clerk of commune «xa» (and its residential group), with a token."""
    user = User.objects.create_user("clerk", password="x")
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code="xa"), role=Role.ENTER)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_missing_or_bad_token_is_401_json(loaded):
    client = APIClient()
    for url in ("/api/units/", "/api/figures/?org_unit=xa"):
        response = client.get(url)
        assert response.status_code == 401 and "detail" in response.json()
    client.credentials(HTTP_AUTHORIZATION="Token nope")
    assert client.get("/api/units/").status_code == 401


def test_schema_and_docs_are_served_with_vendored_assets(loaded):
    client = APIClient()
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200 and schema.json()["openapi"].startswith("3.")
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and b"cdn" not in docs.content.lower()
    assert b"drf_spectacular_sidecar" in docs.content


def test_scope_is_the_web_scope(clerk):
    units = {u["code"] for u in clerk.get("/api/units/").json()["results"]}
    assert "xa" in units and "tinh" not in units and "xa-moi" not in units
    assert clerk.get("/api/units/tinh/").status_code == 404
    assert clerk.get("/api/figures/?org_unit=tinh").status_code == 404
    history = clerk.get("/api/units/xa/").json()
    assert history["code"] == "xa" and "successors" in history


def test_figures_read_filter_and_paginate(clerk):
    page = clerk.get("/api/figures/?org_unit=xa&period=2023&limit=2").json()
    assert page["count"] >= 4 and len(page["results"]) == 2 and page["next"]
    lon = clerk.get("/api/figures/?org_unit=xa&indicator=dan_lon&kind=actual").json()["results"]
    assert [f["value"] for f in lon] == ["4426"]
    targets = clerk.get("/api/targets/?org_unit=xa").json()["results"]
    assert {t["kind"] for t in targets} == {"target"} and targets[0]["target_source"]


def test_write_bulk_all_or_nothing_with_history(clerk):
    figures = [
        {"org_unit": "xa", "indicator": "tong_so_ho", "period": "2024", "kind": "actual", "value": "1200"},
        {"org_unit": "xa", "indicator": "dan_lon", "period": "2024", "kind": "actual", "value": 4500},
    ]
    response = clerk.post("/api/figures/", {"figures": figures}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["created"] == 2
    assert ChangeRecord.objects.filter(actor="clerk").count() == 2
    again = clerk.post("/api/figures/", {"figures": figures}, format="json").json()
    assert again["created"] == 0 and again["unchanged"] == 2
    bad = [*figures, {"org_unit": "xa", "indicator": "khong_co", "period": "2024", "kind": "actual", "value": 1}]
    response = clerk.post("/api/figures/", {"figures": bad}, format="json")
    assert response.status_code == 400 and response.json()["problems"][0]["line"] == 3


@pytest.mark.parametrize(
    "body,status",
    [
        ("{not json", 400),
        (json.dumps({"figures": "x"}), 400),
        (
            json.dumps(
                {
                    "figures": [
                        {"org_unit": "xa", "indicator": "dan_lon", "period": "2024", "kind": "actual", "value": "abc"}
                    ]
                }
            ),
            400,
        ),
        (
            json.dumps(
                {
                    "figures": [
                        {"org_unit": "tinh", "indicator": "dan_lon", "period": "2024", "kind": "actual", "value": 1}
                    ]
                }
            ),
            404,
        ),
        (
            json.dumps(
                {
                    "figures": [
                        {"org_unit": "xa", "indicator": "dan_lon", "period": "năm xưa", "kind": "actual", "value": 1}
                    ]
                }
            ),
            400,
        ),
    ],
)
def test_bad_requests_are_4xx_json(clerk, body, status):
    before = DataValue.objects.count()
    response = clerk.generic("POST", "/api/figures/", body, content_type="application/json")
    assert response.status_code == status and isinstance(response.json(), dict)
    assert DataValue.objects.count() == before


def test_view_role_cannot_write(loaded):
    user = User.objects.create_user("viewer")
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code="xa"), role=Role.VIEW)
    client = APIClient()
    client.force_authenticate(user)
    response = client.post(
        "/api/figures/",
        {"figures": [{"org_unit": "xa", "indicator": "dan_lon", "period": "2024", "kind": "actual", "value": 1}]},
        format="json",
    )
    assert response.status_code == 403


def test_import_endpoint_and_scorecard(clerk):
    csv = 'Mã đơn vị,Kỳ,Mã chỉ tiêu,Loại số liệu,Giá trị\nxa,2024,dat_nong_nghiep,Thực hiện,"1.134,31"\n'
    upload = io.BytesIO(csv.encode())
    upload.name = "so-lieu.csv"
    response = clerk.post("/api/imports/", {"file": upload}, format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["created"] == 1
    assert ChangeRecord.objects.latest("pk").actor.endswith("clerk")
    outside = io.BytesIO(b"org_unit,period,indicator,kind,value\ntinh,2024,dan_lon,actual,1\n")
    outside.name = "x.csv"
    response = clerk.post("/api/imports/", {"file": outside}, format="multipart")
    assert response.status_code == 400 and "tinh" in json.dumps(response.json(), ensure_ascii=False)
    card = clerk.get("/api/scorecards/?org_unit=xa&period=2023")
    assert card.status_code == 200 and card.json()["rows"]
    assert clerk.get("/api/scorecards/?org_unit=xa").status_code == 400
