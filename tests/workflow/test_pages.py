"""The workflow on the web (entry page panel, actions, the progress page) and in the API, through Django's test
client: status, anonymous users, roles, scope, Vietnamese words and numbers."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ktxh.workflow.models import State, Submission
from tests.workflow.conftest import PASSWORD, approve

pytestmark = pytest.mark.django_db

ENTRY = "/nhap-lieu/?unit=xa&period=2023&sector=KT"


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def act(client, action, reason="", sector="KT", unit="xa", period="2023", **extra):
    data = {"unit": unit, "sector": sector, "period": period, "action": action, "reason": reason, **extra}
    return client.post("/nhap-lieu/trang-thai/", data)


def buttons(page: str) -> list[str]:
    return [name for name in ("submit", "approve", "reopen") if f'name="action" value="{name}"' in page]


def test_entry_page_offers_each_role_its_buttons(people):
    clerk, approver = signed_in(people["clerk"]), signed_in(people["approver"])
    page = clerk.get(ENTRY).content.decode()
    assert (
        "Báo cáo Kinh tế:" in page and "Nháp" in page and "hạn nộp 14/12/2023" in page and buttons(page) == ["submit"]
    )
    assert buttons(approver.get(ENTRY).content.decode()) == ["submit"]  # duyệt includes nhập liệu
    response = act(clerk, "submit")
    assert response.status_code == 302 and response["Location"].startswith("/nhap-lieu/?unit=xa&period=2023")
    page = clerk.get(response["Location"]).content.decode()
    assert "Đã nộp báo cáo Kinh tế." in page and "được an nộp lúc" in page and buttons(page) == []
    page = approver.get(ENTRY).content.decode()
    assert (
        buttons(page) == ["approve", "reopen"] and 'name="reason" required' in page
    )  # the reason is required by the form too
    act(approver, "approve")
    page = approver.get(ENTRY).content.decode()
    assert "Đã duyệt" in page and "đã được lanh-dao duyệt lúc" in page and buttons(page) == ["reopen"]
    assert "nộp (Nháp → Đã nộp)" in page and "duyệt (Đã nộp → Đã duyệt)" in page  # the history in words


def test_reopening_without_a_reason_is_refused_with_a_message(people):
    approve(people)
    approver = signed_in(people["approver"])
    page = approver.get(act(approver, "reopen", reason="  ")["Location"]).content.decode()
    assert "Hãy ghi lý do mở lại báo cáo." in page and Submission.objects.get().state == State.APPROVED
    act(approver, "reopen", reason="Sai số đàn lợn")
    submission = Submission.objects.get()
    assert submission.state == State.REOPENED and submission.reason == "Sai số đàn lợn"


def test_actions_need_sign_in_post_the_right_and_the_scope(people):
    assert act(Client(), "submit").status_code == 302  # to the sign-in page
    assert Client().get("/nhap-lieu/trang-thai/").status_code in (302, 405)
    assert signed_in(people["clerk"]).get("/nhap-lieu/trang-thai/").status_code == 405
    assert act(signed_in(people["reader"]), "submit").status_code == 403
    assert act(signed_in(people["other"]), "submit").status_code == 404  # another commune: as if it did not exist
    assert act(signed_in(people["clerk"]), "approve").status_code == 403
    assert act(signed_in(people["clerk"]), "submit", sector="KT.NN").status_code == 404  # not a top-level sector
    assert act(signed_in(people["clerk"]), "destroy").status_code == 404
    assert act(signed_in(people["clerk"]), "submit", period="2023Q9").status_code == 404
    assert not Submission.objects.exists()


def test_level_above_reopens_and_sees_progress(people):
    approve(people)
    district = signed_in(people["district_admin"])
    act(district, "reopen", reason="Huyện yêu cầu rà soát")
    assert Submission.objects.get().reopened_by == "huyen-quan-tri"
    page = district.get("/tien-do/?unit=huyen&period=2023").content.decode()
    assert "Tiến độ báo cáo của các đơn vị thuộc Huyện B — năm 2023" in page
    assert "Xã C" in page and "Mở lại" in page and "Trễ hạn" in page and "Chưa nộp (quá hạn)" in page
    assert "50,0%" in page and "100,0%" in page  # completeness the Vietnamese way
    assert "15/12/2022" in page and "14/12/2023" in page  # the cut-off of NĐ 09/2019


def test_progress_page_scope(people):
    assert Client().get("/tien-do/").status_code == 302
    clerk = signed_in(people["clerk"])
    assert clerk.get("/tien-do/?unit=huyen&period=2023").status_code == 404  # above the clerk's unit
    own = clerk.get("/tien-do/?period=2023")
    assert own.status_code == 200 and "Xã C" in own.content.decode()
    assert signed_in(people["other"]).get("/tien-do/?unit=xa&period=2023").status_code == 404
    bad = signed_in(people["district"]).get("/tien-do/?unit=huyen&period=2023Q9").content.decode()
    assert "2023Q9" in bad and "<table" not in bad
    assert clerk.post("/tien-do/").status_code == 405


# -- the API ------------------------------------------------------------------------------------------------------


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_api_state_and_actions(people):
    clerk, approver = api(people["clerk"]), api(people["approver"])
    states = clerk.get("/api/workflow/?org_unit=xa&period=2023").json()
    assert [(s["sector"], s["state"], s["allowed_actions"]) for s in states] == [
        ("KT", "draft", ["submit"]),
        ("VX", "draft", ["submit"]),
    ]
    assert states[0]["due"] == "2023-12-14"
    body = {"org_unit": "xa", "sector": "KT", "period": "2023", "action": "submit"}
    done = clerk.post("/api/workflow/", body, format="json")
    assert done.status_code == 200 and done.json()["state"] == "submitted" and done.json()["submitted_by"] == "an"
    assert clerk.post("/api/workflow/", {**body, "action": "approve"}, format="json").status_code == 403
    again = clerk.post("/api/workflow/", body, format="json")
    assert again.status_code == 409 and "Đã nộp" in again.json()["detail"]
    approved = approver.post("/api/workflow/", {**body, "action": "approve", "expected": "submitted"}, format="json")
    assert approved.status_code == 200 and approved.json()["allowed_actions"] == ["reopen"]
    no_reason = approver.post("/api/workflow/", {**body, "action": "reopen"}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    assert approver.post("/api/workflow/", {**body, "sector": "KT.NN"}, format="json").status_code == 400
    assert approver.post("/api/workflow/", {**body, "period": "20x"}, format="json").status_code == 400


def test_api_scope_and_progress(people):
    other, district = api(people["other"]), api(people["district"])
    assert other.get("/api/workflow/?org_unit=xa&period=2023").status_code == 404
    body = {"org_unit": "xa", "sector": "KT", "period": "2023", "action": "submit"}
    assert other.post("/api/workflow/", body, format="json").status_code == 404
    assert APIClient().get("/api/workflow/?org_unit=xa&period=2023").status_code == 401
    assert district.get("/api/workflow/?org_unit=xa").status_code == 400  # the period is required
    approve(people)
    progress = district.get("/api/workflow/progress/?org_unit=huyen&period=2023").json()
    (row,) = progress["units"]
    assert row["org_unit"] == "xa" and row["sectors"][0] == {
        "sector": "KT",
        "state": "approved",
        "timeliness": "late",
        "entered": 2,
        "expected": 2,
        "completeness": "100,0",
    }
    assert api(people["clerk"]).get("/api/workflow/progress/?org_unit=huyen&period=2023").status_code == 404


def test_admin_lists_submissions_read_only(people):
    approve(people)
    admin = signed_in(people["admin"])
    listing = admin.get("/admin/workflow/submission/")
    assert listing.status_code == 200 and "Đã duyệt" in listing.content.decode()
    pk = Submission.objects.get().pk
    assert admin.get("/admin/workflow/submission/add/").status_code == 403
    assert admin.post(f"/admin/workflow/submission/{pk}/change/", {"state": "draft"}).status_code == 403
    assert admin.post(f"/admin/workflow/submission/{pk}/delete/", {"post": "yes"}).status_code == 403
    assert Submission.objects.get().state == State.APPROVED
