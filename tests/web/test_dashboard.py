"""The dashboard of the demo town (Thắng 2023): what a commune officer reads."""

import pytest
from django.contrib.auth.models import User

from ktxh import charts
from ktxh.analytics.scorecard import build_scorecard
from ktxh.periods import Period
from ktxh.reports.chart_specs import targets_chart
from ktxh.units.models import OrgUnit, Role, UnitAccess
from ktxh.web.dashboard import build_dashboard

pytestmark = pytest.mark.django_db


def items(board):
    return {item.name: item for group in board.groups for item in group.items}


def test_a_range_held_in_two_indicators_is_one_figure(demo):
    board = build_dashboard(OrgUnit.objects.get(code="thang"), Period.parse("2023"))
    found = items(board)
    assert found["Năng suất lúa"].actual == "56 - 60" and found["Năng suất lúa"].unit == "tạ/ha"
    assert not any("(cận trên)" in name for name in found)


def test_demo_page_reads_like_the_report(demo, client):
    reader = User.objects.create_user("reader", "", "pw-123456")
    UnitAccess.objects.create(user=reader, org_unit=OrgUnit.objects.get(code="thang"), role=Role.VIEW)
    client.force_login(reader)
    page = client.get("/?unit=thang&period=2023").content.decode()
    assert "56 - 60" in page and "tạ/ha" in page
    assert "4.426" in page and "1.134,31" in page
    assert "số là cận dưới" not in page  # data-entry notes are not data
    for word in ("vượt", "đạt", "không đạt"):
        assert f">{word}<" in page


def test_the_commune_drills_down_to_its_groups_and_schools(demo, client):
    client.login(username="demo", password="ktxh-demo")
    page = client.get("/so-sanh/?unit=thang&period=2023").content.decode()
    assert "Tổ dân phố Tiên Hưng" in page
    assert "/?unit=thang.tdp-tien-hung&amp;period=2023" in page


def test_staff_of_another_commune_cannot_open_thang(demo, client):
    user = User.objects.create_user("lp", "", "pw-123456", is_staff=True)
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code="luong-phong"), role=Role.ADMINISTER)
    client.force_login(user)
    assert client.get("/?unit=thang&period=2023").status_code == 404
    assert client.get("/don-vi/thang/").status_code == 404
    assert client.get("/?unit=luong-phong&period=2023").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/values/datavalue/",
        "/admin/rules/finding/",
        "/admin/history/changerecord/",
        "/admin/units/orgunit/",
    ],
)
def test_the_admin_is_for_superusers_only(demo, client, url):
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("lp", "", "pw-123456", is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code="luong-phong"), role=Role.ADMINISTER)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.post("/admin/values/datavalue/", {"action": "delete_selected"}).status_code == 302
    page = client.get("/?unit=luong-phong&period=2023").content.decode()
    assert "/admin/" not in page


def test_the_dashboard_charts_are_the_reports_and_rendered_once_per_spec(demo, settings, tmp_path, monkeypatch):
    """One chart engine: the page asks the report's specifications and the one cached renderer."""
    settings.DATA_DIR = tmp_path
    calls = []
    monkeypatch.setattr(
        "vl_convert.vegalite_to_png", lambda spec, scale=1, config=None: calls.append(1) or b"\x89PNG x"
    )
    card = build_scorecard(OrgUnit.objects.get(code="thang"), Period.parse("2023"), ranks=False)
    spec = targets_chart(card)
    assert spec is not None
    assert charts.to_png(spec, scale=1.5) == charts.to_png(dict(spec), scale=1.5) == b"\x89PNG x"
    assert len(calls) == 1
