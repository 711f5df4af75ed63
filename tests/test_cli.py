"""The ``ktxh`` command, run in-process against the test database."""

import csv
import io

import pytest

from ktxh.cli import main
from ktxh.datasets import load_dataset

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cli_loaded(files):
    load_dataset(files.dataset, catalog=files.catalog)
    return files


def run(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_export_csv_to_stdout_and_file(cli_loaded, capsys, tmp_path):
    status, out, err = run(capsys, "export", "--format", "csv", "--org-unit", "xa", "--period", "năm 2023")
    assert status == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["period"] for r in rows} == {"2023"}
    land = next(r for r in rows if r["indicator_code"] == "dat_nong_nghiep" and not r["disaggregation"])
    assert (land["value"], land["unit"], land["org_unit_name"]) == ("639.93", "ha", "Xã C")
    target = next(r for r in rows if r["kind"] == "target")
    assert (target["target_source"], target["value"]) == ("huyen_giao", "2.03")
    assert (target["target_form"], target["value_high"], target["comment"]) == ("at_most", "", "")
    assert list(rows[0])[:11] == [
        "org_unit_code",
        "org_unit_name",
        "indicator_code",
        "indicator_name",
        "disaggregation",
        "period",
        "kind",
        "target_source",
        "value",
        "unit",
        "comment",
    ]
    path = tmp_path / "out.csv"
    status, _, err = run(capsys, "export", "-o", str(path))
    assert status == 0 and "Đã ghi 7 số liệu" in err
    assert path.read_text(encoding="utf-8").count("\n") == 8


def test_units_csv(cli_loaded, capsys):
    status, out, _ = run(capsys, "units", "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["code", "name", "type", "parent", "valid_from", "valid_to", "official_code"]
    xa = next(r for r in rows if r["code"] == "xa")
    assert (xa["parent"], xa["valid_to"], xa["type"]) == ("huyen", "2025-06-30", "commune")


def test_units_csv_loads_back_unchanged(cli_loaded, capsys, tmp_path):
    from ktxh.units.loader import load_units
    from ktxh.units.models import OrgUnit

    def tree():
        return sorted(OrgUnit.objects.values_list("code", "name", "type", "parent__code", "valid_from", "valid_to"))

    status, out, _ = run(capsys, "units", "--format", "csv")
    assert status == 0
    path = tmp_path / "units.csv"
    path.write_text(out, encoding="utf-8")
    before = tree()
    load_units(path)
    assert tree() == before


@pytest.mark.parametrize(
    "args, message",
    [
        (["export", "--period", "2023Q9"], "Không hiểu kỳ báo cáo «2023Q9»"),
        (["export", "--org-unit", "khong-co"], "Không có đơn vị mã «khong-co»"),
        (["export", "-o", "/khong/co/thu/muc/x.csv"], "Không ghi được tệp"),
        (["load", "/khong/co"], "không phải thư mục bộ dữ liệu"),
    ],
)
def test_user_mistakes_give_a_vietnamese_message_and_status_2(cli_loaded, capsys, args, message):
    status, _, err = run(capsys, *args)
    assert status == 2
    assert message in err and "Traceback" not in err


def test_load_command_refuses_a_bad_file_with_its_line(files, capsys):
    files.tables["values"][0]["value"] = "639,93"
    files.write()
    status, _, err = run(capsys, "load", str(files.dataset), "--catalog", str(files.catalog))
    assert status == 2
    assert "values/main.csv, dòng 2, cột «value»" in err
    status, out, _ = run(capsys, "export")
    assert out.strip().count("\n") == 0  # header only: nothing was loaded


def test_read_only_commands_never_create_the_schema(tmp_path, monkeypatch, capsys):
    """On an empty database the read-only commands say to run ``ktxh init`` and leave the file empty."""
    import sqlite3
    import subprocess
    import sys

    database = tmp_path / "empty.sqlite3"
    env = {"KTXH_DATABASE_URL": f"sqlite:///{database}", "KTXH_DATA_DIR": str(tmp_path)}
    for args in (
        ["scorecard", "--org-unit", "x", "--period", "2023"],
        ["progress", "--org-unit", "x", "--period", "2023"],
        ["export"],
        ["units"],
        ["validate", "--org-unit", "x", "--period", "2023"],
        ["report", "--org-unit", "x", "--period", "2023", "-o", str(tmp_path / "r.docx")],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "ktxh", *args],
            capture_output=True,
            text=True,
            env={**__import__("os").environ, **env},
            timeout=120,
        )
        assert done.returncode == 2, (args, done.stderr)
        assert "ktxh init" in done.stderr and "Traceback" not in done.stderr
        if database.exists():
            tables = sqlite3.connect(database).execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
            assert tables == [], args


def test_verbose_logs_a_line_with_counts_and_time(cli_loaded, capsys, caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="ktxh"):
        status, _, err = run(capsys, "--verbose", "export", "--org-unit", "xa")
    assert status == 0, err
    [line] = [r.getMessage() for r in caplog.records if r.name == "ktxh.cli"]
    assert line.startswith("export: figures=7 (") and line.endswith(" s)")


@pytest.mark.parametrize(
    "args",
    [
        ["units", "-o", "/dev/full"],
        ["export", "-o", "/dev/null"],
        ["report", "--org-unit", "xa", "--period", "2023", "-o", "/dev/full"],
    ],
)
def test_output_over_a_device_is_refused_and_the_device_kept(cli_loaded, capsys, args):
    import os
    import stat

    status, _, err = run(capsys, *args)
    assert status == 2 and "không phải là tệp thông thường" in err
    assert stat.S_ISCHR(os.stat(args[-1]).st_mode)


def test_users_add_and_list_with_a_password_from_stdin(cli_loaded, capsys, monkeypatch):
    import io as stdlib_io

    from django.contrib.auth import authenticate

    from ktxh.units.models import OrgUnit
    from ktxh.units.scoping import Action, allows, units_for

    monkeypatch.setattr("sys.stdin", stdlib_io.StringIO("mat-khau-dai-9x!\n"))
    status, out, err = run(capsys, "users", "add", "canbo", "--unit", "xa", "--role", "nhap-lieu", "--password-stdin")
    assert status == 0, err
    user = authenticate(username="canbo", password="mat-khau-dai-9x!")
    assert user is not None
    xa = OrgUnit.objects.get(code="xa")
    assert allows(user, Action.ENTER, xa) and not allows(user, Action.APPROVE, xa)
    assert set(units_for(user).values_list("code", flat=True)) == set(
        OrgUnit.objects.filter(path__startswith=xa.path).values_list("code", flat=True)
    )
    assert not allows(user, Action.VIEW, OrgUnit.objects.get(code="huyen"))
    status, out, _ = run(capsys, "users", "list")
    assert status == 0 and "canbo\txa (nhap-lieu)" in out
    status, _, err = run(capsys, "users", "add", "x", "--unit", "khong-co", "--role", "xem")
    assert status == 2 and "khong-co" in err


def test_users_add_limited_to_sectors(cli_loaded, capsys):
    from django.contrib.auth.models import User

    from ktxh.catalog.models import Sector
    from ktxh.units.models import OrgUnit, UnitAccess
    from ktxh.units.scoping import Action, allows

    args = ["users", "add", "nongnghiep", "--unit", "xa", "--role", "nhap-lieu", "--sector", "KT"]
    status, out, err = run(capsys, *args)
    assert status == 0, err
    user = User.objects.get(username="nongnghiep")
    assert UnitAccess.objects.get(user=user).sectors == ["KT"]
    xa = OrgUnit.objects.get(code="xa")
    assert allows(user, Action.ENTER, xa, sector=Sector.objects.get(code="KT.NN"))  # a sub-sector is covered
    assert not allows(user, Action.ENTER, xa, sector=Sector.objects.get(code="VX"))
    status, out, _ = run(capsys, "users", "list")
    assert status == 0 and "nongnghiep\txa (nhap-lieu: KT)" in out
    status, _, err = run(capsys, *args[:-1], "KHONG")
    assert status == 2 and "KHONG" in err and "Traceback" not in err
    assert UnitAccess.objects.get(user=user).sectors == ["KT"]  # nothing changed
    status, _, err = run(capsys, *args[:-2])  # again without a sector: every sector
    assert status == 0 and UnitAccess.objects.get(user=user).sectors == []


def test_demo_load_refuses_a_database_with_other_data(cli_loaded, capsys):
    from django.contrib.auth.models import User

    from ktxh.units.models import OrgUnit

    status, _, err = run(capsys, "demo", "load")
    assert status == 2 and "--into-existing-data" in err
    assert not OrgUnit.objects.filter(code="thang").exists()
    assert not User.objects.filter(username="demo").exists()


def test_history_exports_the_change_log_of_a_user(cli_loaded, capsys, tmp_path):
    import openpyxl

    status, _, err = run(capsys, "users", "add", "lan", "--unit", "xa", "--role", "xem")
    assert status == 0, err
    from django.contrib.auth.models import User

    from ktxh.history.actor import acting_as
    from ktxh.units.models import OrgUnit

    with acting_as(User.objects.get(username="lan")):
        unit = OrgUnit.objects.get(code="xa")
        unit.name = "=1+1"
        unit.save()
    path = tmp_path / "lan.csv"
    status, _, err = run(capsys, "history", "--user", "lan", "-o", str(path))
    assert status == 0, err
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 2 and rows[1][5] == "'=1+1"
    status, out, _ = run(capsys, "history")
    assert status == 0 and "ktxh users add" in out  # the grant and the user, made by the command
    workbook = tmp_path / "all.xlsx"
    assert run(capsys, "history", "--format", "xlsx", "-o", str(workbook))[0] == 0
    assert openpyxl.load_workbook(workbook).active.max_row > 2
    status, _, err = run(capsys, "history", "--user", "khong-co")
    assert status == 2 and "khong-co" in err


def test_an_unusable_import_limit_names_the_setting(cli_loaded, capsys, tmp_path, monkeypatch):
    """A limit that is not a number is the operator's mistake: a message naming the setting, status 2."""
    from tests.exchange.test_xlsx import sheet

    path = sheet(tmp_path / "x.xlsx", [["xa", "2024", "dan_lon", "", "Thực hiện", 5, ""]])
    monkeypatch.setenv("KTXH_IMPORT_MAX_BYTES", "abc")
    status, _, err = run(capsys, "import", "--dry-run", str(path))
    assert status == 2
    assert "KTXH_IMPORT_MAX_BYTES" in err and "«abc»" in err and "Traceback" not in err


def test_a_clash_during_a_load_says_run_again_and_writes_nothing(files, capsys, monkeypatch):
    """Two loads of the same new unit at once: the second one's insert hits the first one's row. The message says
    nothing was written and to run the load again, not to check the database address."""
    from django.db import IntegrityError

    import ktxh.datasets
    from ktxh.units.models import OrgUnit

    real = ktxh.datasets.load_units

    def clashing(*args, **kwargs):
        real(*args, **kwargs)
        raise IntegrityError('duplicate key value violates unique constraint "units_orgunit_code_key"')

    monkeypatch.setattr(ktxh.datasets, "load_units", clashing)
    status, _, err = run(capsys, "load", str(files.dataset), "--catalog", str(files.catalog))
    assert status == 2 and "Traceback" not in err
    assert "KTXH_DATABASE_URL" not in err and files.dataset.name in err
    assert not OrgUnit.objects.exists()
