"""End to end in a real headless Chromium: log in → data entry → type 1.234,5 → the unit's page shows 1.234,5 →
the export says 1234.5 → a second browser saving the same cell from an older version is refused and told who
changed it → generate the report → download it."""

from __future__ import annotations

import io
import time

import pytest
from django.contrib.auth.models import User

from ktxh.units.models import OrgUnit, Role, UnitAccess

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The page that shows a unit's resolved figures: the home page today, the dashboard once it is rebuilt.
UNIT_PAGE = "/?unit={unit}&period={period}"
CELL = (
    'input[data-indicator="dat_nong_nghiep"][data-unit="xa"][data-period="2023"][data-kind="actual"]'
    '[data-disaggregation=""]'
)
WAIT = 20


def wait_for(browser, condition, timeout=WAIT):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def log_in(browser, base, username):
    from selenium.webdriver.common.by import By

    browser.get(base + "/dang-nhap/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys("pw-123456")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for(browser, lambda b: "/dang-nhap/" not in b.current_url)


def type_in_cell(browser, text):
    """Type in the cell and leave it (Tab); return the cell's box once htmx has swapped in the server's answer."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC

    cell = browser.find_element(By.CSS_SELECTOR, CELL)
    old_box = cell.find_element(By.XPATH, "..")
    cell.click()
    cell.send_keys(Keys.CONTROL, "a")
    cell.send_keys(text, Keys.TAB)
    wait_for(browser, EC.staleness_of(old_box))
    return wait_for(browser, lambda b: b.find_element(By.CSS_SELECTOR, CELL).find_element(By.XPATH, ".."))


@pytest.fixture
def people(loaded):
    xa = OrgUnit.objects.get(code="xa")
    for name in ("an", "binh"):
        user = User.objects.create_user(name, "", "pw-123456")
        UnitAccess.objects.create(user=user, org_unit=xa, role=Role.ENTER)
    return xa


def test_enter_check_export_conflict_report(people, live_server, browsers):
    from selenium.webdriver.common.by import By

    from ktxh.exchange.csvfile import values_queryset, write_values
    from ktxh.periods import Period

    base = live_server.url
    grid = base + "/nhap-lieu/?unit=xa&period=2023&sector=KT"
    first, second = browsers(), browsers()
    log_in(first, base, "an")
    log_in(second, base, "binh")
    second.get(grid)  # the second person opens the sheet first: their version is the older one
    first.get(grid)
    assert first.find_element(By.CSS_SELECTOR, CELL).get_attribute("type") == "text"

    box = type_in_cell(first, "1.234,5")
    assert "saved" in box.get_attribute("class"), box.get_attribute("outerHTML")

    first.get(base + UNIT_PAGE.format(unit="xa", period="2023"))
    assert "1.234,5" in first.find_element(By.TAG_NAME, "main").text

    out = io.StringIO()
    write_values(out, values_queryset(OrgUnit.objects.get(code="xa"), Period.parse("2023")))
    line = next(
        row
        for row in out.getvalue().splitlines()
        if "dat_nong_nghiep" in row and "loai_dat" not in row and ",actual," in row
    )
    assert ",1234.5," in line, line

    box = type_in_cell(second, "1.300,5")
    assert "conflict" in box.get_attribute("class"), box.get_attribute("outerHTML")
    assert "an" in box.text and "1.234,5" in box.text
    assert "Chưa lưu" in box.text

    first.get(base + "/lap-bao-cao/?unit=xa&period=2023")
    first.find_element(By.ID, "generate").click()
    link = wait_for(first, lambda b: b.find_elements(By.CSS_SELECTOR, "a.dl-docx"), timeout=120)[0]
    link.click()
    deadline = time.time() + 60
    files = []
    while time.time() < deadline:
        files = [p for p in first.downloads.iterdir() if p.suffix == ".docx"]
        if files:
            break
        time.sleep(0.3)
    assert files, "the report was not downloaded"
    assert files[0].read_bytes()[:2] == b"PK"


def test_keyboard_moves_like_a_spreadsheet_and_a_pasted_block_is_saved(people, live_server, browsers):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from ktxh.figures import statements as stored

    browser = browsers()
    log_in(browser, live_server.url, "an")
    browser.get(live_server.url + "/nhap-lieu/?unit=xa&period=2023&sector=KT")
    first = browser.find_element(By.CSS_SELECTOR, 'input.cell-input[data-row="1"][data-col="0"]')
    first.click()
    first.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("data-row") == "2"
    browser.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    assert browser.switch_to.active_element.get_attribute("data-col") == "1"
    browser.switch_to.active_element.send_keys(Keys.ARROW_UP)
    active = browser.switch_to.active_element
    assert (active.get_attribute("data-row"), active.get_attribute("data-col")) == ("1", "1")

    # a 2 × 2 block copied from Excel (tab between columns, a line per row), pasted into the first cell
    browser.execute_script(
        """
        const data = new DataTransfer();
        data.setData('text/plain', '10,5\\t20\\r\\n30\\t1.234,5\\r\\n');
        arguments[0].dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true}));
    """,
        browser.find_element(By.CSS_SELECTOR, 'input.cell-input[data-row="1"][data-col="0"]'),
    )
    xa = OrgUnit.objects.get(code="xa")

    def stored_now(_browser):
        found = {
            (s.indicator_id, s.kind, s.disaggregation): s.value
            for s in stored.load(unit_ids=[xa.pk], periods=["2023"])
            if s.kind != "target"
        }
        return found if len([v for v in found.values() if v in (10.5, 20, 30, 1234.5)]) == 4 else False

    found = wait_for(browser, stored_now)
    assert sorted(float(v) for v in found.values() if v in (10.5, 20, 30, 1234.5)) == [10.5, 20, 30, 1234.5]
