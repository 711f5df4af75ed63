"""Translations: source texts are English, the ``vi`` catalog gives the Vietnamese user interface (the default), and
English stays available."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

import ktxh
from ktxh.cli import main
from ktxh.datafiles import LoadError
from ktxh.datasets import load_dataset
from ktxh.settings import ConfigurationError, database_from_url
from ktxh.units.models import OrgUnit, UnitType

LOCALE = Path(ktxh.__file__).resolve().parent / "locale"
PO = LOCALE / "vi" / "LC_MESSAGES" / "django.po"
MO = LOCALE / "vi" / "LC_MESSAGES" / "django.mo"


@pytest.fixture(autouse=True)
def keep_the_language():
    """A request activates its language for the thread: give the next tests theirs back."""
    with translation.override(translation.get_language()):
        yield


# -- the catalog ------------------------------------------------------------------------------------------------


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    """A quoted .po string without its quotes and C escapes."""
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), text[1:-1])


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: {"flags", "msgctxt", "msgid", "msgid_plural", "msgstr" (list)}. Enough of the
    format for what makemessages writes; no dependency."""
    entries: list[dict] = []
    entry: dict | None = None
    key = None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry is not None and key is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgctxt": None, "msgid": "", "msgid_plural": None, "msgstr": []}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if key == "msgstr":
                entry["msgstr"][-1] += _unquote(line)
            else:
                entry[key] += _unquote(line)
        else:
            key, _, value = line.partition(" ")
            if key.startswith("msgstr"):
                entry["msgstr"].append(_unquote(value))
                key = "msgstr"
            else:
                entry[key] = _unquote(value)
    return entries


@pytest.fixture(scope="module")
def entries():
    assert PO.exists() and MO.exists(), "run compilemessages: the .po and the .mo ship with ktxh"
    return read_po(PO)


def test_every_message_is_translated_and_none_is_fuzzy(entries):
    header = next(e for e in entries if e["msgid"] == "")
    assert "fuzzy" not in header["flags"] and "Language: vi" in header["msgstr"][0]
    messages = [e for e in entries if e["msgid"]]
    assert len(messages) > 100
    untranslated = [e["msgid"] for e in messages if not all(s.strip() for s in e["msgstr"]) or not e["msgstr"]]
    assert untranslated == []
    assert [e["msgid"] for e in messages if "fuzzy" in e["flags"]] == []


def test_translations_keep_the_placeholders(entries):
    placeholder = re.compile(r"%\(\w+\)[sdr]")
    for e in entries:
        if e["msgid"]:
            for msgstr in e["msgstr"]:
                assert sorted(placeholder.findall(msgstr)) == sorted(placeholder.findall(e["msgid"])), e["msgid"]


def test_the_compiled_catalog_matches_the_po_file(entries):
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for e in entries:
        if not e["msgid"]:
            continue
        if e["msgid_plural"]:
            got = (
                compiled.npgettext(e["msgctxt"], e["msgid"], e["msgid_plural"], 1)
                if e["msgctxt"]
                else compiled.ngettext(e["msgid"], e["msgid_plural"], 1)
            )
        else:
            got = compiled.pgettext(e["msgctxt"], e["msgid"]) if e["msgctxt"] else compiled.gettext(e["msgid"])
        assert got == e["msgstr"][0], f"django.mo is older than django.po ({e['msgid']!r}): run compilemessages"


# -- Vietnamese by default, English on request ------------------------------------------------------------------


def test_model_names_and_choices():
    assert str(OrgUnit._meta.verbose_name) == "đơn vị"
    assert str(UnitType.COMMUNE.label) == "Xã"
    with translation.override("en"):
        assert str(OrgUnit._meta.verbose_name) == "unit"
        assert str(OrgUnit._meta.verbose_name_plural) == "units"
        assert str(UnitType.COMMUNE.label) == "Commune"
        assert str(OrgUnit._meta.get_field("parent").verbose_name) == "parent unit"


@pytest.mark.django_db
def test_loader_errors(files):
    files.tables["values"][0]["value"] = "639,93"
    files.write()
    with pytest.raises(LoadError) as vietnamese:
        load_dataset(files.dataset, catalog=files.catalog)
    assert "values/main.csv, dòng 2, cột «value»: «639,93» không phải số viết thường" in str(vietnamese.value)
    assert str(vietnamese.value).startswith("Không nạp được dữ liệu (1 lỗi, chưa ghi gì vào cơ sở dữ liệu):")
    with translation.override("en"), pytest.raises(LoadError) as english:
        load_dataset(files.dataset, catalog=files.catalog)
    assert "values/main.csv, line 2, column «value»: «639,93» is not a plain number" in str(english.value)
    assert str(english.value).startswith("Could not load the data (1 problem, nothing was written to the database):")
    assert "the value is missing" not in str(english.value)  # only the real problem, not a follow-on one


@pytest.mark.django_db
def test_model_validation(loaded):
    from django.core.exceptions import ValidationError

    tinh = OrgUnit.objects.get(code="tinh")
    tinh.parent = OrgUnit.objects.get(code="xa")
    with pytest.raises(ValidationError, match="Vòng lặp trong cây đơn vị: «tinh»"):
        tinh.clean()
    with translation.override("en"), pytest.raises(ValidationError, match="Loop in the unit tree: «tinh»"):
        tinh.clean()


@pytest.mark.django_db
def test_pages_speak_the_configured_language_whatever_the_browser(client, settings):
    # Officers' browsers are often set to English; the commune's system still speaks Vietnamese.
    assert "Đăng nhập" in client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    settings.LANGUAGE_CODE = "en"  # what KTXH_LANGUAGE=en sets
    english = client.get("/dang-nhap/").content.decode()
    assert "Sign in" in english and "Đăng nhập" not in english


@pytest.mark.django_db(transaction=True)
def test_command_line_language(files, capsys, settings):
    load_dataset(files.dataset, catalog=files.catalog)
    assert main(["export", "--org-unit", "khong-co"]) == 2
    assert "Lỗi: Không có đơn vị mã «khong-co»" in capsys.readouterr().err
    settings.LANGUAGE_CODE = "en"  # what KTXH_LANGUAGE=en sets
    before = translation.get_language()
    assert main(["export", "--org-unit", "khong-co"]) == 2
    assert "Error: There is no unit with code «khong-co»" in capsys.readouterr().err
    assert translation.get_language() == before  # main() leaves the caller's language alone
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "load the demo data" in capsys.readouterr().out


def test_settings_messages_are_translated_before_django_can(monkeypatch):
    monkeypatch.delenv("KTXH_LANGUAGE", raising=False)
    with pytest.raises(ConfigurationError, match="chỉ hỗ trợ sqlite"):
        database_from_url("mysql://x")
    monkeypatch.setenv("KTXH_LANGUAGE", "en")
    with pytest.raises(ConfigurationError, match="only sqlite:///path/to/file or postgresql://"):
        database_from_url("mysql://x")
    monkeypatch.setenv("KTXH_LANGUAGE", "xx")  # not a language of ktxh: the default
    with pytest.raises(ConfigurationError, match="thiếu đường dẫn tệp SQLite"):
        database_from_url("sqlite://")


@pytest.mark.parametrize(
    "language, expected",
    [
        ("", "Lỗi: KTXH_DATABASE_URL='mysql://x': chỉ hỗ trợ sqlite:///đường/dẫn"),
        ("en", "Error: KTXH_DATABASE_URL='mysql://x': only sqlite:///path/to/file"),
    ],
)
def test_a_bad_setting_ends_the_command_with_a_translated_message(tmp_path, language, expected):
    """The settings cannot be imported, so Django cannot translate: the command still answers in the language."""
    env = {
        **os.environ,
        "KTXH_DATABASE_URL": "mysql://x",
        "KTXH_LANGUAGE": language,
        "KTXH_DATA_DIR": str(tmp_path),
        "PYTHONIOENCODING": "utf-8",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-m", "ktxh", "init"], env=env, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert done.returncode == 2
    assert expected in done.stderr and "Traceback" not in done.stderr
