"""The reports page: period and kind, narratives, what is missing, generated versions kept and downloadable."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from ktxh.reports.models import Narrative, ReportVersion
from ktxh.units.models import OrgUnit, Role, UnitAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(loaded, client):
    user = User.objects.create_user("an", "", "pw-123456")
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code="xa"), role=Role.ENTER)
    client.login(username="an", password="pw-123456")
    return client


def test_anonymous_is_sent_to_log_in(loaded, client):
    assert client.get("/lap-bao-cao/").status_code == 302


def test_kinds_and_missing(officer):
    page = officer.get("/lap-bao-cao/?unit=xa&kind=nine&year=2023").content.decode()
    assert "9 tháng năm 2023" in page
    page = officer.get("/lap-bao-cao/?unit=xa&period=2023").content.decode()
    assert "Trước khi lập" in page and "Cả năm" in page
    assert officer.get("/lap-bao-cao/?unit=xa&kind=year&year=12x").status_code == 200


def test_narratives_are_saved_in_paragraphs(officer):
    officer.post(
        "/lap-bao-cao/", {"unit": "xa", "period": "2023", "s-intro": "Đoạn một.\r\n\r\nĐoạn hai.", "save": "1"}
    )
    assert list(Narrative.objects.filter(section="intro").values_list("text", flat=True).order_by("order")) == [
        "Đoạn một.",
        "Đoạn hai.",
    ]
    page = officer.get("/lap-bao-cao/?unit=xa&period=2023").content.decode()
    assert "Đoạn một.\n\nĐoạn hai." in page


def test_generate_keeps_versions_and_downloads(officer):
    for _ in range(2):
        response = officer.post(
            "/lap-bao-cao/", {"unit": "xa", "period": "2023", "generate": "1", "s-closing": "Kết thúc."}
        )
        assert response.status_code == 302
    versions = list(ReportVersion.objects.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    page = officer.get("/lap-bao-cao/?unit=xa&period=2023").content.decode()
    assert f"/lap-bao-cao/ban/{versions[0].pk}.docx" in page
    download = officer.get(f"/lap-bao-cao/ban/{versions[0].pk}.docx")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert "bao-cao-xa-2023-v1.docx" in download["Content-Disposition"]
    if not versions[0].pdf:
        assert "LibreOffice" in versions[0].pdf_note
        assert officer.get(f"/lap-bao-cao/ban/{versions[0].pk}.pdf").status_code == 404


def test_readers_see_but_do_not_generate_and_others_get_404(loaded, client):
    version = ReportVersion.objects.create(
        org_unit=OrgUnit.objects.get(code="xa"), period="2023", number=1, docx=b"PK.."
    )
    reader = User.objects.create_user("xem", "", "pw-123456")
    UnitAccess.objects.create(user=reader, org_unit=OrgUnit.objects.get(code="xa"), role=Role.VIEW)
    client.login(username="xem", password="pw-123456")
    page = client.get("/lap-bao-cao/?unit=xa&period=2023").content.decode()
    assert 'id="generate"' not in page and "readonly" in page
    assert client.post("/lap-bao-cao/", {"unit": "xa", "period": "2023", "generate": "1"}).status_code == 404
    assert client.get(f"/lap-bao-cao/ban/{version.pk}.docx").status_code == 200
    other = User.objects.create_user("khac", "", "pw-123456")
    UnitAccess.objects.create(user=other, org_unit=OrgUnit.objects.get(code="xa-moi"), role=Role.ENTER)
    client.login(username="khac", password="pw-123456")
    assert client.get(f"/lap-bao-cao/ban/{version.pk}.docx").status_code == 404
    assert client.get("/lap-bao-cao/?unit=xa").status_code == 404
