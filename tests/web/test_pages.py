"""Every reading page of the web app through Django's test client: status, anonymous users, scope, content in
Vietnamese number format, methods, charsets and error pages."""

import re

import pytest
from django.contrib.auth.models import User

from ktxh.units.models import OrgUnit, Role, UnitAccess

pytestmark = pytest.mark.django_db

PAGES = [
    "/?unit=xa&period=2023",
    "/so-sanh/?unit=huyen&period=2023",
    "/bao-cao/?unit=xa&period=2023",
    "/danh-muc/",
    "/don-vi/",
    "/don-vi/xa/",
]


@pytest.fixture
def admin_client(client):
    User.objects.create_superuser("admin", "", "pw-123456")
    client.login(username="admin", password="pw-123456")
    return client


def user_of(code: str, role=Role.VIEW, **extra) -> User:
    user = User.objects.create_user(f"u-{code}", "", "pw-123456", **extra)
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code=code), role=role)
    return user


def without_token(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def test_login_required(client):
    response = client.get("/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


@pytest.mark.parametrize("url", [*PAGES, "/bieu-do/chi-tieu.png?unit=xa&period=2023"])
def test_every_page_sends_anonymous_users_to_sign_in(loaded, client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_login_page_is_vietnamese(client):
    response = client.get("/dang-nhap/")
    assert "Đăng nhập" in response.content.decode()
    assert response["Content-Type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize("url", [*PAGES, "/bieu-do/chi-tieu.png?unit=xa&period=2023"])
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_reading_pages_refuse_writes(loaded, admin_client, url, method):
    response = getattr(admin_client, method)(url)
    assert response.status_code == 405
    assert "GET" in response["Allow"] and "POST" not in response["Allow"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers_with_its_charset(loaded, admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "charset=utf-8" in response["Content-Type"] or response["Content-Type"].startswith("application/vnd")


def test_dashboard_groups_the_scorecard_by_sector_in_vietnamese_numbers(loaded, admin_client):
    page = admin_client.get("/?unit=xa&period=2023").content.decode()
    assert "Xã C — năm 2023" in page
    assert "639,93" in page and "4.426" in page and "1,59" in page
    assert page.index("Kinh tế") < page.index("Diện tích đất nông nghiệp") < page.index("Văn hóa - Xã hội")
    assert "dưới 2,03" in page and "huyện giao" in page  # the target, its form and its source
    assert 'class="status met"' in page and ">đạt<" in page  # 1,59 % against at most 2,03 %
    assert "ước" in page  # the estimate is marked


def test_dashboard_shows_the_parts_of_a_total_under_it(loaded, admin_client):
    page = admin_client.get("/?unit=xa&period=2023").content.decode()
    total = page.index("Diện tích đất nông nghiệp")
    assert total < page.index("Đất trồng lúa") < page.index("392,46")
    assert "1 thành phần" in page


def test_data_entry_comments_are_for_those_who_enter_figures(loaded, client):
    client.force_login(user_of("xa", Role.VIEW))
    page = client.get("/?unit=xa&period=2023").content.decode()
    assert "giảm 13,7% so cùng kỳ" not in page  # a comment written with the figure is not data
    client.force_login(user_of("huyen", Role.ENTER))
    page = client.get("/?unit=xa&period=2023").content.decode()
    assert "Ghi chú nhập liệu" in page and "giảm 13,7% so cùng kỳ" in page


def test_dashboard_shows_completeness(loaded, admin_client):
    page = admin_client.get("/?unit=xa&period=2023").content.decode()
    assert "Đủ số liệu" in page


def test_dashboard_of_a_district_shows_the_comparison_of_its_communes(loaded, admin_client):
    page = admin_client.get("/?unit=huyen&period=2023").content.decode()
    # made from the page's own figures, not loaded again by a second request
    assert 'id="compare"' in page and 'hx-get="/so-sanh/' not in page
    assert "/?unit=xa&amp;period=2023" in page  # drill-down to the commune


def test_dashboard_of_a_commune_loads_the_comparison_of_its_groups_after_the_page(loaded, admin_client):
    page = admin_client.get("/?unit=xa&period=2023").content.decode()
    assert 'hx-get="/so-sanh/?unit=xa&amp;period=2023"' in page


def test_open_targets_are_not_yet_due(loaded, admin_client):
    page = admin_client.get("/?unit=xa&period=2024").content.decode()
    assert "5.000–5.400" in page  # a range target, as the report writes it
    assert "chưa đến hạn" in page


def test_bad_period_in_the_address_is_explained(loaded, admin_client):
    response = admin_client.get("/?unit=xa&period=2023Q8")
    assert response.status_code == 200
    assert "Không hiểu kỳ báo cáo" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/?unit={code}&period=2023",
        "/so-sanh/?unit={code}&period=2023",
        "/bao-cao/?unit={code}&period=2023",
        "/don-vi/{code}/",
        "/bieu-do/chi-tieu.png?unit={code}&period=2023",
    ],
)
def test_unknown_and_forbidden_units_look_the_same(loaded, client, url):
    client.force_login(user_of("xa.tdp-1"))
    forbidden = client.get(url.format(code="xa"))
    unknown = client.get(url.format(code="khong-co"))
    assert forbidden.status_code == unknown.status_code == 404
    assert without_token(forbidden.content) == without_token(unknown.content)
    assert forbidden["Content-Type"] == "text/html; charset=utf-8"
    assert "Không tìm thấy" in forbidden.content.decode()


def test_probing_another_units_code_is_logged_not_the_unknown_ones(loaded, client, caplog):
    client.force_login(user_of("xa.tdp-1"))
    with caplog.at_level("WARNING", logger="ktxh.security"):
        assert client.get("/don-vi/xa/").status_code == 404
        assert client.get("/api/units/xa/").status_code == 404
        assert client.get("/don-vi/khong-co/").status_code == 404
    probes = [r.getMessage() for r in caplog.records if r.name == "ktxh.security"]
    assert len(probes) == 2, probes
    assert all("user=u-xa.tdp-1" in p and "unit=xa" in p for p in probes)
    assert "/api/units/xa/" in probes[1]


def test_users_see_their_unit_and_those_below_only(loaded, client):
    client.force_login(user_of("xa"))
    assert client.get("/?unit=xa.tdp-1&period=2023").status_code == 200
    assert client.get("/?unit=huyen&period=2023").status_code == 404
    home = client.get("/").content.decode()
    assert "Xã C" in home and "Huyện B" not in home
    tree = client.get("/don-vi/").content.decode()
    assert "Tổ dân phố 1" in tree and "Tỉnh A" not in tree


def test_comparison_lists_only_visible_units(loaded, client):
    client.force_login(user_of("xa"))
    response = client.get("/so-sanh/?unit=xa&period=2023", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "<html" not in response.content.decode()


def test_a_user_without_units_is_told_so(loaded, client):
    client.force_login(User.objects.create_user("nobody", "", "pw-123456"))
    assert "chưa được giao đơn vị" in client.get("/").content.decode()


def test_catalog_page(loaded, admin_client):
    page = admin_client.get("/danh-muc/").content.decode()
    assert "Tỷ lệ hộ nghèo" in page and "ho_ngheo / tong_so_ho * 100" in page and "Tổng số hộ" in page


def test_unit_page_shows_its_history(loaded, admin_client):
    old = admin_client.get("/don-vi/xa/").content.decode()
    assert "Xã C mới" in old and "30/06/2025" in old and "00001" in old
    new = admin_client.get("/don-vi/xa-moi/").content.decode()
    assert "Xã C" in new and "01/07/2025" in new


def test_report_download_from_the_web(loaded, admin_client):
    page = admin_client.get("/?unit=xa&period=2023").content.decode()
    assert "/bao-cao/?unit=xa&amp;period=2023" in page
    response = admin_client.get("/bao-cao/?unit=xa&period=2023")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert "bao-cao-xa-2023.docx" in response["Content-Disposition"]
    assert admin_client.get("/bao-cao/?unit=xa&period=2023Q9").status_code == 400
    assert admin_client.get("/bao-cao/?unit=khong-co&period=2023").status_code == 404


def test_unknown_page_is_a_vietnamese_html_404(loaded, admin_client):
    response = admin_client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Không tìm thấy" in response.content.decode()


def test_error_templates_render_in_vietnamese():
    from django.test import RequestFactory
    from django.views import defaults

    request = RequestFactory().get("/")
    for view, status in ((defaults.server_error, 500),):
        response = view(request)
        assert response.status_code == status and response["Content-Type"] == "text/html; charset=utf-8"
        assert "Lỗi máy chủ" in response.content.decode()
    for view, status, words in (
        (defaults.bad_request, 400, "Yêu cầu không hợp lệ"),
        (defaults.permission_denied, 403, "Không được phép"),
    ):
        response = view(request, Exception())
        assert response.status_code == status and response["Content-Type"] == "text/html; charset=utf-8"
        assert words in response.content.decode()


def test_charts_are_cached_by_their_spec(demo, client, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.login(username="demo", password="ktxh-demo")
    page = client.get("/?unit=thang&period=2023").content.decode()
    assert "/bieu-do/chi-tieu.png?unit=thang&amp;period=2023" in page
    png = client.get("/bieu-do/chi-tieu.png?unit=thang&period=2023")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    cached = list((tmp_path / "cache" / "charts").glob("*.png"))
    assert len(cached) == 1
    assert client.get("/bieu-do/chi-tieu.png?unit=thang&period=2023").content == png.content
    assert client.get("/bieu-do/khac.png?unit=thang&period=2023").status_code == 404


@pytest.mark.parametrize("url", ["/?unit=%00", "/api/figures/?org_unit=a%00b&period=2023", "/danh-muc/?q=x%00"])
def test_a_nul_byte_in_the_address_is_a_400_not_a_server_error(demo, client, url):
    client.login(username="demo", password="ktxh-demo")
    response = client.get(url)
    assert response.status_code == 400
    assert ("charset=utf-8" in response["Content-Type"].lower()) or response["Content-Type"] == "application/json"
