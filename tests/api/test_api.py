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


def test_import_dry_run_lists_the_changes_and_writes_nothing(clerk):
    csv = (
        "Mã đơn vị,Kỳ,Mã chỉ tiêu,Loại số liệu,Giá trị\n"
        'xa,2023,ho_ngheo,ước,90\nxa,2024,dat_nong_nghiep,Thực hiện,"1.134,31"\nxa,2023,ty_le_ho_ngheo,Thực hiện,"1,59"\n'
    )
    upload = io.BytesIO(csv.encode())
    upload.name = "so lieu.csv"
    before = DataValue.objects.count()
    answer = clerk.post("/api/imports/", {"file": upload, "dry_run": True}, format="multipart").json()
    assert (answer["created"], answer["updated"], answer["unchanged"], answer["dry_run"]) == (1, 1, 1, True)
    changes = {c["indicator"]: c for c in answer["changes"]}
    assert changes["ho_ngheo"]["action"] == "update" and changes["ho_ngheo"]["before"]["value"] == "84"
    assert changes["ho_ngheo"]["after"]["value"] == "90"
    assert changes["dat_nong_nghiep"]["before"] is None and changes["dat_nong_nghiep"]["after"]["value"] == "1134.31"
    assert answer["more_changes"] == 0 and DataValue.objects.count() == before
    bad = io.BytesIO(b"PK\x03\x04 not really")
    bad.name = "hong.xlsx"
    response = clerk.post("/api/imports/", {"file": bad, "dry_run": True}, format="multipart")
    problems = response.json()["problems"]
    assert response.status_code == 400 and problems[0]["file"] == "hong.xlsx"


def test_import_over_the_size_limit_is_refused_while_it_arrives(clerk, settings):
    settings.KTXH_IMPORT_MAX_BYTES = 1000
    big = io.BytesIO(b"org_unit,period\n" + b"x" * 5000)
    big.name = "lon.csv"
    response = clerk.post("/api/imports/", {"file": big}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()


def test_reports_generate_list_download_with_scope(clerk):
    from ktxh.reports.models import ReportVersion

    response = clerk.post(
        "/api/reports/", {"org_unit": "xa", "kind": "year", "year": 2023, "pdf": False}, format="json"
    )
    assert response.status_code == 201, response.json()
    version = response.json()
    assert (version["org_unit"], version["period"], version["number"], version["has_pdf"]) == ("xa", "2023", 1, False)
    assert version["pdf"] is None and version["docx"].endswith(f"/api/reports/{version['id']}/docx")
    again = clerk.post("/api/reports/", {"org_unit": "xa", "period": "2023", "pdf": False}, format="json").json()
    assert again["number"] == 2 and ReportVersion.objects.get(pk=again["id"]).created_by == "clerk"
    listed = clerk.get("/api/reports/?org_unit=xa&period=2023").json()
    assert listed["count"] == 2 and [v["number"] for v in listed["results"]] == [2, 1]
    assert clerk.get(f"/api/reports/{version['id']}/").json()["number"] == 1
    docx = clerk.get(f"/api/reports/{version['id']}/docx", HTTP_ACCEPT="application/octet-stream")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "bao-cao-xa-2023-v1.docx" in docx["Content-Disposition"]
    missing_pdf = clerk.get(f"/api/reports/{version['id']}/pdf")
    assert missing_pdf.status_code == 404 and "detail" in missing_pdf.json()
    assert clerk.get(f"/api/reports/{version['id']}/exe").status_code == 404
    # scope: another unit's reports are not found, a reader may list and download but not generate
    assert clerk.post("/api/reports/", {"org_unit": "tinh", "period": "2023"}, format="json").status_code == 404
    assert clerk.get("/api/reports/?org_unit=tinh-moi").status_code == 404
    assert clerk.post("/api/reports/", {"org_unit": "xa"}, format="json").status_code == 400
    assert clerk.post("/api/reports/", {"org_unit": "xa", "period": "20x3"}, format="json").status_code == 400
    reader = User.objects.create_user("reader")
    UnitAccess.objects.create(user=reader, org_unit=OrgUnit.objects.get(code="xa"), role=Role.VIEW)
    client = APIClient()
    client.force_authenticate(reader)
    assert client.post("/api/reports/", {"org_unit": "xa", "period": "2023"}, format="json").status_code == 403
    assert client.get(f"/api/reports/{version['id']}/docx").status_code == 200
    stranger = User.objects.create_user("stranger")
    UnitAccess.objects.create(user=stranger, org_unit=OrgUnit.objects.get(code="xa-moi"), role=Role.ENTER)
    client.force_authenticate(stranger)
    assert client.get(f"/api/reports/{version['id']}/").status_code == 404
    assert client.get(f"/api/reports/{version['id']}/docx").status_code == 404
    assert APIClient().get("/api/reports/?org_unit=xa").status_code == 401


@pytest.mark.parametrize(
    "body, words",
    [
        ("{không phải json", "không phải JSON hợp lệ"),
        (json.dumps({"figures": "năm"}), "Cần một danh sách"),
        (
            json.dumps({"figures": [{"org_unit": "xa", "indicator": "dan_lon", "period": "2024", "value": "x"}]}),
            "hợp lệ",
        ),
    ],
)
def test_the_frameworks_own_refusals_are_in_vietnamese(clerk, body, words):
    response = clerk.generic("POST", "/api/figures/", body, content_type="application/json")
    assert response.status_code == 400
    assert words in json.dumps(response.json(), ensure_ascii=False), response.json()


def test_every_listed_framework_message_has_its_vietnamese():
    from django.utils import translation

    from ktxh.api.messages import MESSAGES

    with translation.override("vi"):
        untranslated = [message for message in MESSAGES if translation.gettext(message) == message]
    assert not untranslated
