"""The web's Excel template download, import with preview and confirmation, and Excel outputs: scope, CSRF,
POST-only writes, every problem shown, bad files answered with a message (never a 500), the file kept only for its
own session and removed after use, and a confirmation refused when the data changed since the preview."""

from __future__ import annotations

import io
import json
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.test import Client

from ktxh.history.models import ChangeRecord
from ktxh.periods import Period
from ktxh.units.models import OrgUnit, Role, UnitAccess
from ktxh.values.models import DataValue
from tests.exchange.test_xlsx import sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings, tmp_path):
    """The data folder of this test: where uploads wait for their confirmation."""
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR / "imports"


def person(username, role, unit="xa"):
    user = User.objects.create_user(username, "", "pw-123456")
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code=unit), role=role)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def officer(loaded, kept):
    return person("an", Role.ENTER)


def values():
    return sorted(
        DataValue.objects.values_list("org_unit__code", "indicator__code", "period", "disaggregation", "kind", "value")
    )


def upload(client, path, name=None):
    with open(path, "rb") as handle:
        data = handle.read()
    file = io.BytesIO(data)
    file.name = name or path.name
    return client.post("/nhap-tu-tep/", {"file": file})


def preview_of(client, path, name=None):
    response = upload(client, path, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    return page, page.content.decode()


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def mixed_sheet(tmp_path):
    return sheet(
        tmp_path / "so-lieu xa.xlsx",
        [
            ["xa", "2023", "ty_le_ho_ngheo", "", "Thực hiện", 1.59, ""],  # unchanged
            ["xa", "2023", "ho_ngheo", "", "ước", 90, "theo rà soát"],  # changed (84 → 90)
            ["xa", "2024", "dat_nong_nghiep", "", "Thực hiện", "1.134,31", ""],  # new, a Vietnamese number
        ],
    )


def test_anonymous_is_sent_to_log_in(loaded):
    client = Client()
    for url in ("/nhap-tu-tep/", "/mau-excel/", "/bang-danh-gia.xlsx?unit=xa&period=2023", "/phu-luc.xlsx"):
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"], url


def test_template_download_is_the_cli_template_within_scope(officer):
    page = officer.get("/mau-excel/?unit=xa&period=2024").content.decode()
    assert "Tải mẫu" in page and 'value="2024"' in page
    response = officer.get("/mau-excel/?unit=xa&period=2024&sector=KT&download=1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "mau-nhap-lieu-xa-2024-KT.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [ws.title for ws in book.worksheets] == ["Nông nghiệp"]  # the sector and its subsectors
    cells = [c.value for c in book.worksheets[0]["C"]]
    assert "dan_lon" in cells and "tong_so_ho" not in cells
    everything = openpyxl.load_workbook(io.BytesIO(officer.get("/mau-excel/?unit=xa&period=2024&download=1").content))
    assert len(everything.worksheets) == 2
    # another unit, an unknown unit: the same 404; a bad period or sector: the form again with the reason
    assert officer.get("/mau-excel/?unit=tinh&period=2024&download=1").status_code == 404
    assert officer.get("/mau-excel/?unit=khong-co&period=2024&download=1").status_code == 404
    bad = officer.get("/mau-excel/?unit=xa&period=2024x&download=1")
    assert bad.status_code == 400 and "2024x" in bad.content.decode()
    assert officer.get("/mau-excel/?unit=xa&period=2024&sector=ZZ&download=1").status_code == 400
    assert officer.post("/mau-excel/?unit=xa&period=2024&download=1").status_code == 405


def test_readers_may_not_download_templates_or_import(loaded, kept, tmp_path):
    reader = person("xem", Role.VIEW)
    assert reader.get("/mau-excel/?unit=xa&period=2024&download=1").status_code == 403
    assert reader.get("/nhap-tu-tep/").status_code == 403
    response = upload(reader, mixed_sheet(tmp_path))
    assert response.status_code == 403 and not kept.exists()


def test_preview_then_confirm_writes_the_file_with_who_and_which(officer, kept, tmp_path):
    before = values()
    page, text = preview_of(officer, mixed_sheet(tmp_path))
    assert page.status_code == 200
    counts = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
    assert "1 mới" in counts and "1 sửa" in counts and "1 không đổi" in counts
    assert "1.134,31" in text and "Số hộ nghèo" in text and "Xã C" in text
    row = re.search(r"Số hộ nghèo.*?</tr>", text, re.S).group(0)
    assert ">84<" in row and "<b>90</b>" in row and "ghi chú" in row  # before → after, the comment changed too
    assert values() == before  # a preview writes nothing
    assert len(list(kept.iterdir())) == 1

    response = officer.post(
        "/nhap-tu-tep/xac-nhan/", {"token": hidden(text, "token"), "fingerprint": hidden(text, "fingerprint")}
    )
    assert response.status_code == 302
    done = officer.get(response["Location"]).content.decode()
    assert "Đã nhập" in done and "so-lieu xa.xlsx" in done
    assert DataValue.objects.get(indicator__code="dat_nong_nghiep", period="2024").value == Decimal("1134.31")
    assert DataValue.objects.get(indicator__code="ho_ngheo", period="2023", kind="estimate").value == 90
    record = ChangeRecord.objects.latest("pk")
    assert "so-lieu xa.xlsx" in record.actor and "an" in record.actor and record.user.username == "an"
    assert list(kept.iterdir()) == []  # removed after the import
    again = officer.post("/nhap-tu-tep/xac-nhan/", {"token": hidden(text, "token"), "fingerprint": "x"})
    assert again.status_code == 404 and "không còn" in again.content.decode()


def test_reimporting_the_same_file_changes_nothing(officer, tmp_path):
    path = mixed_sheet(tmp_path)
    _page, text = preview_of(officer, path)
    officer.post("/nhap-tu-tep/xac-nhan/", {"token": hidden(text, "token"), "fingerprint": hidden(text, "fingerprint")})
    _page, text = preview_of(officer, path)
    assert "Không có gì thay đổi" in text and "confirm-import" not in text


def test_rows_outside_the_enter_scope_are_problems(officer, tmp_path):
    path = sheet(
        tmp_path / "ngoai.xlsx",
        [
            ["xa", "2024", "dan_lon", "", "Thực hiện", 5, ""],
            ["tinh", "2024", "dan_lon", "", "Thực hiện", 7, ""],
            ["xa", "2024", "khong_co", "", "Thực hiện", 1, ""],
        ],
    )
    before = values()
    page, text = preview_of(officer, path)
    assert page.status_code == 400
    assert "không có quyền nhập số liệu cho đơn vị «tinh»" in text and "khong_co" in text
    assert "ngoai.xlsx, trang tính «Số liệu»" in text and "<code>tinh</code>" in text  # where, and the value
    assert "không ghi gì" in text
    assert values() == before


@pytest.mark.parametrize("case", ["truncated", "not-xlsx", "password", "zipbomb", "xls", "empty", "json", "binary"])
def test_bad_files_get_a_message_never_a_500(officer, kept, tmp_path, case):
    good = sheet(tmp_path / "good.xlsx", [["xa", "2024", "dan_lon", "", "Thực hiện", 5, ""]])
    path = tmp_path / f"{case}.xlsx"
    expected = {
        "truncated": "không phải tệp Excel",
        "not-xlsx": "không phải tệp Excel",
        "password": "mật khẩu",
        "zipbomb": "zip bomb",
        "xls": ".xls",
        "empty": "",
        "json": "",
        "binary": "",
    }[case]
    if case == "truncated":
        path.write_bytes(good.read_bytes()[:2000])
    elif case == "not-xlsx":
        path.write_text("org_unit,value\nxa,5\n")
    elif case == "password":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    elif case == "zipbomb":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/worksheets/sheet1.xml", b"0" * (5 * 1024 * 1024))
    elif case == "xls":
        path = tmp_path / "cu.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    elif case == "empty":
        path = tmp_path / "rong.csv"
        path.write_bytes(b"")
    elif case == "json":
        path = tmp_path / "hong.json"
        path.write_text('{"dataValues": [{"dataElement": ')
    elif case == "binary":
        path = tmp_path / "anh.csv"
        path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0" + bytes(range(256)))
    before = values()
    page, text = preview_of(officer, path)
    assert page.status_code == 400, text[:3000]
    assert expected.lower() in text.lower() and "problems-table" in text and path.name in text
    assert values() == before and list(kept.iterdir()) == []


def test_changed_since_the_preview_shows_the_new_preview_and_writes_nothing(officer, tmp_path):
    from ktxh.catalog.models import Indicator
    from ktxh.values import entry

    _page, text = preview_of(officer, mixed_sheet(tmp_path))
    xa, ho_ngheo = OrgUnit.objects.get(code="xa"), Indicator.objects.get(code="ho_ngheo")
    an = User.objects.get(username="an")
    cell = entry.current(xa, ho_ngheo, Period.parse("2023"), "estimate")
    assert entry.save_value(an, xa, ho_ngheo, Period.parse("2023"), "estimate", "86", cell.version).ok
    response = officer.post(
        "/nhap-tu-tep/xac-nhan/", {"token": hidden(text, "token"), "fingerprint": hidden(text, "fingerprint")}
    )
    fresh = response.content.decode()
    assert response.status_code == 409 and "đã thay đổi" in fresh
    assert ">86<" in re.search(r"Số hộ nghèo.*?</tr>", fresh, re.S).group(0)
    assert not DataValue.objects.filter(period="2024", indicator__code="dat_nong_nghiep").exists()
    response = officer.post(
        "/nhap-tu-tep/xac-nhan/", {"token": hidden(fresh, "token"), "fingerprint": hidden(fresh, "fingerprint")}
    )
    assert response.status_code == 302
    assert DataValue.objects.filter(period="2024", indicator__code="dat_nong_nghiep").exists()


def test_a_kept_file_belongs_to_its_session_and_expires(officer, kept, tmp_path, monkeypatch):
    _page, text = preview_of(officer, mixed_sheet(tmp_path))
    token, mark = hidden(text, "token"), hidden(text, "fingerprint")
    other = person("binh", Role.ENTER)
    assert other.get(f"/nhap-tu-tep/xem-truoc/?t={token}").status_code == 404
    assert other.post("/nhap-tu-tep/xac-nhan/", {"token": token, "fingerprint": mark}).status_code == 404
    assert officer.get("/nhap-tu-tep/xac-nhan/").status_code == 405  # writes are POST only
    assert officer.get(f"/nhap-tu-tep/xem-truoc/?t=../../{token}").status_code == 404
    assert len(list(kept.iterdir())) == 1
    monkeypatch.setattr("ktxh.exchange.limits.pending_seconds", lambda: -1)
    assert officer.post("/nhap-tu-tep/xac-nhan/", {"token": token, "fingerprint": mark}).status_code == 404
    assert list(kept.iterdir()) == []
    assert not DataValue.objects.filter(period="2024", indicator__code="dat_nong_nghiep").exists()


def test_cancel_removes_the_file(officer, kept, tmp_path):
    _page, text = preview_of(officer, mixed_sheet(tmp_path))
    response = officer.post("/nhap-tu-tep/huy/", {"token": hidden(text, "token")})
    assert response.status_code == 302 and list(kept.iterdir()) == []
    assert "đã hủy" in officer.get(response["Location"]).content.decode().lower()


def test_csrf_is_required(officer, tmp_path):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(User.objects.get(username="an"))
    file = io.BytesIO(mixed_sheet(tmp_path).read_bytes())
    file.name = "a.xlsx"
    assert strict.post("/nhap-tu-tep/", {"file": file}).status_code == 403


def test_size_limit_and_missing_file(officer, kept, tmp_path, settings):
    assert officer.post("/nhap-tu-tep/", {}).status_code == 400
    settings.KTXH_IMPORT_MAX_BYTES = 1000
    response = upload(officer, mixed_sheet(tmp_path))
    assert response.status_code == 413 and "KTXH_IMPORT_MAX_BYTES" in response.content.decode()
    big = io.BytesIO(b"x" * (1100 * 1024))  # over the limit by more than a form's fields: refused by its length
    big.name = "lon.csv"
    response = officer.post("/nhap-tu-tep/", {"file": big})
    assert response.status_code == 413 and "KTXH_IMPORT_MAX_BYTES" in response.content.decode()
    assert not kept.exists() or list(kept.iterdir()) == []


def test_csv_and_dhis2_json_through_the_same_page(officer, tmp_path):
    csv = tmp_path / "so-lieu.csv"
    csv.write_text(
        'Mã đơn vị,Kỳ,Mã chỉ tiêu,Loại số liệu,Giá trị\nxa,2024,dan_lon,Thực hiện,"4.500"\n', encoding="utf-8"
    )
    _page, text = preview_of(officer, csv)
    assert "4.500" in text and "1 mới" in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
    dhis2 = tmp_path / "dhis2.json"
    dhis2.write_text(
        json.dumps({"dataValues": [{"dataElement": "tong_so_ho", "period": "2024", "orgUnit": "xa", "value": "1200"}]})
    )
    page, text = preview_of(officer, dhis2)
    assert page.status_code == 200 and "1.200" in text and "Tổng số hộ" in text


def test_excel_scorecard_and_appendix(officer):
    for url, name in (("/bang-danh-gia.xlsx", "bang-danh-gia-xa-2023.xlsx"), ("/phu-luc.xlsx", "phu-luc-xa-2023.xlsx")):
        response = officer.get(f"{url}?unit=xa&period=2023")
        assert response.status_code == 200 and name in response["Content-Disposition"]
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        numbers = [c.value for row in book.worksheets[0].iter_rows() for c in row if isinstance(c.value, float | int)]
        assert 1.59 in numbers or 639.93 in numbers, numbers
        assert officer.get(f"{url}?unit=tinh-moi&period=2023").status_code == 404
        assert officer.get(f"{url}?unit=xa&period=20x3").status_code == 400
    dashboard = officer.get("/?unit=xa&period=2023").content.decode()
    assert "/bang-danh-gia.xlsx?unit=xa" in dashboard and "/phu-luc.xlsx?unit=xa" in dashboard
    grid = officer.get("/nhap-lieu/?unit=xa&period=2023").content.decode()
    assert "/mau-excel/?unit=xa&amp;period=2023" in grid and "/nhap-tu-tep/" in grid


def test_a_filled_in_template_keeps_the_stored_comments(officer, tmp_path):
    """The template has no source column and empty comment cells: typing a value must not erase the figure's
    notes (the preview would list «comment» among what changes)."""
    template = tmp_path / "mau.xlsx"
    template.write_bytes(officer.get("/mau-excel/?unit=xa&period=2023&sector=KT&download=1").content)
    book = openpyxl.load_workbook(template)
    ws = book.worksheets[0]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[header.index("Mã chỉ tiêu")].value == "dan_lon":
            row[header.index("Giá trị")].value = 4500
    book.save(template)
    _page, text = preview_of(officer, template)
    row = re.search(r"Đàn lợn.*?</tr>", text, re.S).group(0)
    assert "4.426" in row and "4.500" in row and "cũng đổi" not in row
    officer.post("/nhap-tu-tep/xac-nhan/", {"token": hidden(text, "token"), "fingerprint": hidden(text, "fingerprint")})
    stored = DataValue.objects.get(indicator__code="dan_lon", period="2023", kind="actual")
    assert stored.value == 4500 and stored.comment == "giảm 13,7% so cùng kỳ"
    # a file with a comment column says what the comment is, an empty one included (export = import)
    csv = tmp_path / "ghi-chu.csv"
    csv.write_text("Mã đơn vị,Kỳ,Mã chỉ tiêu,Loại số liệu,Giá trị,Ghi chú\nxa,2023,dan_lon,Thực hiện,4500,\n")
    _page, text = preview_of(officer, csv)
    assert "cũng đổi: ghi chú" in text


def test_a_thousand_problems_are_listed_then_counted(officer, tmp_path):
    path = tmp_path / "nhieu-loi.csv"
    lines = "".join(f"xa,2024,khong_co_{n},Thực hiện,1\n" for n in range(1003))
    path.write_text("Mã đơn vị,Kỳ,Mã chỉ tiêu,Loại số liệu,Giá trị\n" + lines, encoding="utf-8")
    page, text = preview_of(officer, path)
    assert page.status_code == 400 and "khong_co_999" in text and "khong_co_1000" not in text
    assert "… và 3 lỗi khác." in text


def test_template_form_opens_without_a_period_in_the_address(loaded, kept):
    """Opened from the menu (no ``period`` in the address) the form offers the unit's latest year, this year for a
    unit without figures; it failed with a 500 when the field fell back to the missing query parameter."""
    from django.utils import timezone

    client = person("to", Role.ENTER, unit="xa.tdp-1")
    response = client.get("/mau-excel/")
    assert response.status_code == 200
    assert f'name="period" value="{timezone.localdate().year}"' in response.content.decode()
    assert 'name="period" value="2023"' in person("an", Role.ENTER).get("/mau-excel/").content.decode()
    assert 'name="period" value="2031"' in client.get("/mau-excel/?period=2031").content.decode()
