import pytest
from django.contrib.auth.models import User

from ktxh.units.models import OrgUnit, UnitAccess

pytestmark = pytest.mark.django_db


def test_login_required(client):
    response = client.get("/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_login_page_is_vietnamese(client):
    response = client.get("/dang-nhap/")
    assert "Đăng nhập" in response.content.decode()


def test_unit_page_groups_by_sector_in_vietnamese_number_format(loaded, client):
    User.objects.create_superuser("admin", "", "pw-123456")
    client.login(username="admin", password="pw-123456")
    page = client.get("/?unit=xa&period=2023").content.decode()
    assert "Xã C — năm 2023" in page
    assert "639,93" in page and "4.426" in page and "1,59" in page
    assert page.index("Kinh tế") < page.index("Diện tích đất nông nghiệp") < page.index("Văn hóa - Xã hội")
    assert "Đất trồng lúa" in page and "392,46" in page
    assert "Chỉ tiêu huyện giao" in page and "dưới 2,03" in page
    assert "ước" in page  # the estimate is marked


def test_users_see_only_their_units(loaded, client):
    user = User.objects.create_user("canbo", "", "pw-123456")
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code="xa.tdp-1"))
    client.login(username="canbo", password="pw-123456")
    page = client.get("/?unit=xa&period=2023").content.decode()
    assert "bạn không có quyền" in page
    assert "639,93" not in page


def test_bad_period_in_the_address_is_explained(loaded, client):
    User.objects.create_superuser("admin", "", "pw-123456")
    client.login(username="admin", password="pw-123456")
    response = client.get("/?unit=xa&period=2023Q8")
    assert response.status_code == 200
    assert "Không hiểu kỳ báo cáo" in response.content.decode()


def test_report_download_from_the_web(loaded, client):
    User.objects.create_superuser("admin", "", "pw-123456")
    client.login(username="admin", password="pw-123456")
    page = client.get("/?unit=xa&period=2023").content.decode()
    assert "/bao-cao/?unit=xa&amp;period=2023" in page
    response = client.get("/bao-cao/?unit=xa&period=2023")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert "bao-cao-xa-2023.docx" in response["Content-Disposition"]
    assert client.get("/bao-cao/?unit=xa&period=2023Q9").status_code == 400
    assert client.get("/bao-cao/?unit=khong-co&period=2023").status_code == 404


def test_report_download_respects_unit_scope(loaded, client):
    user = User.objects.create_user("canbo", "", "pw-123456")
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code="xa.tdp-1"))
    client.login(username="canbo", password="pw-123456")
    assert client.get("/bao-cao/?unit=xa&period=2023").status_code == 404


def test_charts_on_the_page_use_the_report_specs(demo, client):
    client.login(username="demo", password="ktxh-demo")
    page = client.get("/?unit=thang&period=2023").content.decode()
    assert "/bieu-do/chi-tieu.png?unit=thang&amp;period=2023" in page
    png = client.get("/bieu-do/chi-tieu.png?unit=thang&period=2023")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert client.get("/bieu-do/khac.png?unit=thang&period=2023").status_code == 404
