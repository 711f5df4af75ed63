"""End to end in a real headless Chromium: from the entry grid to the Excel template of the unit and period →
download it → fill it in as an officer would (a Vietnamese number typed as text, a number typed as a number) →
upload it → the preview lists what is new and what changes, before → after, in Vietnamese numbers, and nothing is
written yet → confirm → the figures are stored and the change log names the user and the file."""

from __future__ import annotations

import os
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from ktxh.units.models import OrgUnit, Role, UnitAccess
from tests.e2e.test_entry_flow import log_in, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officer(loaded, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    user = User.objects.create_user("an", "", "pw-123456")
    UnitAccess.objects.create(user=user, org_unit=OrgUnit.objects.get(code="xa"), role=Role.ENTER)
    return user


def downloaded(browser, suffix: str, timeout: float = 60) -> Path:
    deadline = time.time() + timeout
    while time.time() < deadline:
        files = [p for p in browser.downloads.iterdir() if p.suffix == suffix]
        if files:
            return files[0]
        time.sleep(0.3)
    raise AssertionError(f"no {suffix} file was downloaded")


def fill_in(template: Path, target: Path, values: dict[str, object]) -> None:
    """Type values into the template's yellow cells, as an officer would in Excel."""
    import openpyxl

    book = openpyxl.load_workbook(template)
    for ws in book.worksheets:
        header = [c.value for c in ws[1]]
        code, part, value = header.index("Mã chỉ tiêu"), header.index("Mã phân tổ"), header.index("Giá trị")
        for row in ws.iter_rows(min_row=2):
            if row[code].value in values and not row[part].value:
                row[value].value = values[row[code].value]
    book.save(target)


def test_template_download_import_preview_and_confirm(officer, live_server, browsers, tmp_path):
    from selenium.webdriver.common.by import By

    from ktxh.history.models import ChangeRecord
    from ktxh.values.models import DataValue

    base = live_server.url
    browser = browsers()
    log_in(browser, base, "an")
    browser.get(base + "/nhap-lieu/?unit=xa&period=2023&sector=KT")
    browser.find_element(By.ID, "template-link").click()
    wait_for(browser, lambda b: "/mau-excel/" in b.current_url)
    browser.find_element(By.ID, "download-template").click()
    template = downloaded(browser, ".xlsx")
    assert template.name == "mau-nhap-lieu-xa-2023-KT.xlsx"

    filled = tmp_path / "so-lieu xa 2023.xlsx"
    fill_in(template, filled, {"dat_nong_nghiep": "1.234,5", "dan_lon": 4500})
    before = sorted(DataValue.objects.values_list("pk", "value"))

    browser.get(base + "/nhap-tu-tep/")
    browser.find_element(By.ID, "import-file").send_keys(str(filled))
    browser.find_element(By.ID, "upload").click()
    wait_for(browser, lambda b: "/xem-truoc/" in b.current_url)
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "0 mới" in main.replace("\n", " ") and "2 sửa" in main.replace("\n", " "), main
    changes = browser.find_element(By.CSS_SELECTOR, "table.changes").text
    assert "639,93" in changes and "1.234,5" in changes and "4.426" in changes and "4.500" in changes, changes
    assert sorted(DataValue.objects.values_list("pk", "value")) == before  # nothing written before confirming
    if os.environ.get("KTXH_SCREENSHOTS"):
        browser.save_screenshot(str(Path(os.environ["KTXH_SCREENSHOTS"]) / "import-preview.png"))

    browser.find_element(By.ID, "confirm-import").click()
    wait_for(browser, lambda b: "/xem-truoc/" not in b.current_url)
    assert "Đã nhập «so-lieu xa 2023.xlsx»" in browser.find_element(By.TAG_NAME, "main").text
    stored = DataValue.objects.get(
        indicator__code="dat_nong_nghiep", org_unit__code="xa", period="2023", kind="actual", disaggregation=""
    )
    assert stored.value == Decimal("1234.5")
    record = ChangeRecord.objects.latest("pk")
    assert record.user.username == "an" and "so-lieu xa 2023.xlsx" in record.actor
