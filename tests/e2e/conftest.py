"""A real headless Chromium (Debian's ``chromium`` and ``chromium-driver``) driven by Selenium.

Without chromium a laptop skips these tests with a message; with ``KTXH_REQUIRE_BROWSER=1`` (CI, which installs
chromium) they fail instead, so the end-to-end check never silently disappears."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = ["chromium", "chromium-browser", "google-chrome"]


def _missing(reason: str):
    if os.environ.get("KTXH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"A browser is required (KTXH_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(f"{reason}; install Debian's chromium and chromium-driver to run the end-to-end tests")


@pytest.fixture
def browsers():
    """A factory of headless Chromium sessions (each its own profile and download folder), all closed at the end."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed (pip install -e '.[test]')")
    binary = next((shutil.which(name) for name in CHROMIUM if shutil.which(name)), None)
    driver = shutil.which("chromedriver")
    if binary is None or driver is None:
        _missing("chromium or chromedriver is not installed")
    opened = []

    def open_browser():
        downloads = Path(tempfile.mkdtemp(prefix="ktxh-e2e-dl-"))
        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for argument in (
            "--headless=new",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--window-size=1366,768",
            "--lang=vi",
            "--disable-gpu",
        ):
            options.add_argument(argument)
        options.add_experimental_option(
            "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
        )
        browser = webdriver.Chrome(service=Service(driver), options=options)
        browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        browser.downloads = downloads
        opened.append(browser)
        return browser

    yield open_browser
    for browser in opened:
        browser.quit()
        shutil.rmtree(browser.downloads, ignore_errors=True)
