"""``ktxh backup`` / ``ktxh restore``: the whole database round-trips, between SQLite and the test database
(PostgreSQL when the suite runs on it), with the same ids; bad files and newer schemas are refused before anything
is touched; a failing restore leaves the database as it was."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from ktxh.cli import main
from tests.server.conftest import ktxh_env, run_ktxh

pytestmark = pytest.mark.django_db(transaction=True)


def contents(path: Path) -> dict[str, list]:
    """Every table of a backup, rows parsed (JSON columns compare as values: PostgreSQL reorders their keys).
    Content types and permissions are numbered by each database: references to them are shown by name."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        raw = {}
        for label, entry in {**manifest["tables"], **manifest["links"]}.items():
            lines = archive.read(entry["file"]).decode("utf-8").splitlines()
            raw[label] = [json.loads(line) for line in lines]
    types = {row[0]: f"{row[1]}.{row[2]}" for row in raw.pop("contenttypes.contenttype")[1:]}
    columns, *rows = raw.pop("auth.permission")
    permissions = {
        row[columns.index("id")]: (types[row[columns.index("content_type_id")]], row[columns.index("codename")])
        for row in rows
    }
    by_name = {"content_type_id": types, "permission_id": permissions}
    tables = {}
    for label, (columns, *rows) in raw.items():
        named = [[by_name[c].get(v, v) if c in by_name else v for c, v in zip(columns, row)] for row in rows]
        tables[label] = [columns, *sorted(named, key=json.dumps)]
    return tables


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A SQLite database with the demo, a user with a role and a permission, a group, a report text, an approved
    report: backed up."""
    folder = tmp_path_factory.mktemp("source")
    env = ktxh_env(folder)
    assert run_ktxh(env, "demo", "load").returncode == 0
    add = subprocess.run(
        [
            sys.executable,
            "-m",
            "ktxh",
            "users",
            "add",
            "canbo",
            "--unit",
            "thang",
            "--role",
            "nhap-lieu",
            "--password-stdin",
        ],
        env=env,
        input="mat-khau-dai-9x!\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert add.returncode == 0, add.stderr
    script = (
        "import django; django.setup(); from django.contrib.auth.models import Group, Permission, User; "
        "g = Group.objects.create(name='Thống kê'); g.permissions.add(Permission.objects.get(codename='view_user'));"
        "u = User.objects.get(username='canbo'); u.groups.add(g); "
        "u.user_permissions.add(Permission.objects.get(codename='change_user')); "
        # an approved report: the workflow's table is backed up like every other
        "import datetime as dt; from ktxh.workflow.models import Submission; from ktxh.catalog.models import Sector; "
        "from ktxh.units.models import OrgUnit; Submission.objects.create(org_unit=OrgUnit.objects.get(code='thang'), "
        "sector=Sector.objects.filter(parent=None).first(), period='2023', state='approved', approved_by='canbo', "
        "approved_at=dt.datetime(2023, 12, 14, 8, tzinfo=dt.UTC))"
    )

    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "DJANGO_SETTINGS_MODULE": "ktxh.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    backup = folder / "sao-luu.zip"
    result = run_ktxh(env, "backup", "-o", str(backup))
    assert result.returncode == 0, result.stderr
    assert "Đã sao lưu" in result.stdout and not backup.with_name("sao-luu.zip.tmp").exists()
    return backup


def cli(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_round_trip_through_the_test_database_and_back_to_sqlite(source, capsys, tmp_path):
    status, out, err = cli(capsys, "restore", str(source))
    assert status == 0, err
    assert "Đã khôi phục" in out and "values.datavalue: 345" in out and "units.unitaccess: 1" in out
    assert "workflow.submission: 1" in out
    _restored_approval_still_locks()
    copy = tmp_path / "copy.zip"
    assert cli(capsys, "backup", "-o", str(copy))[0] == 0
    assert contents(copy) == contents(source)
    user = get_user_model().objects.get(username="canbo")
    assert user.groups.get().permissions.get().codename == "view_user"
    assert user.has_perm("auth.change_user") and user.check_password("mat-khau-dai-9x!")
    # ids go on after the restored ones (the sequences were moved on PostgreSQL)
    from ktxh.history.models import ChangeRecord

    newest = ChangeRecord.objects.order_by("-id").first().id
    fresh = get_user_model().objects.create_user("moi", password="mat-khau-dai-9x!")
    assert fresh.pk > user.pk and ChangeRecord.objects.order_by("-id").first().id >= newest
    # and back into a new SQLite database
    env = ktxh_env(tmp_path)
    result = run_ktxh(env, "restore", str(copy))
    assert result.returncode == 0, result.stderr
    again = tmp_path / "again.zip"
    assert run_ktxh(env, "backup", "-o", str(again)).returncode == 0
    assert contents(again) == contents(source)


def _restored_approval_still_locks() -> None:
    from django.core.exceptions import ValidationError

    from ktxh.values.models import DataValue
    from ktxh.workflow.models import Submission
    from ktxh.workflow.sectors import top_of

    submission, tops = Submission.objects.get(), top_of()
    figures = DataValue.objects.filter(org_unit=submission.org_unit, period="2023").select_related("indicator")
    figure = next(v for v in figures if tops[v.indicator.sector_id] == submission.sector_id)
    with pytest.raises(ValidationError):
        figure.save()


def test_restore_refuses_a_database_with_data_unless_forced(source, capsys):
    assert cli(capsys, "restore", str(source))[0] == 0
    status, _out, err = cli(capsys, "restore", str(source))
    assert status == 2 and "--force" in err
    status, _out, err = cli(capsys, "restore", "--force", str(source))
    assert status == 0, err
    assert get_user_model().objects.filter(username="canbo").count() == 1
    # replacing the database replaced the change log; afterwards it is append-only again
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM history_changerecord")


@pytest.mark.parametrize("damage", ["not-a-zip", "no-manifest", "newer-format", "newer-schema"])
def test_restore_refuses_other_files_before_touching_anything(source, capsys, tmp_path, damage):
    get_user_model().objects.create_user("o-day-truoc", password="mat-khau-dai-9x!")
    path = tmp_path / "x.zip"
    if damage == "not-a-zip":
        path.write_text("org_unit,indicator\n")
    else:
        with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as copy:
            manifest = json.loads(original.read("manifest.json"))
            if damage == "newer-format":
                manifest["format_version"] = 99
            if damage == "newer-schema":
                manifest["migrations"]["values"].append("9999_from_the_future")
            for item in original.infolist():
                if item.filename != "manifest.json":
                    copy.writestr(item, original.read(item))
            if damage != "no-manifest":
                copy.writestr("manifest.json", json.dumps(manifest))
    status, _out, err = cli(capsys, "restore", "--force", str(path))
    assert status == 2
    assert {
        "not-a-zip": "không phải là bản sao lưu",
        "no-manifest": "không phải là bản sao lưu",
        "newer-format": "phiên bản ktxh mới hơn",
        "newer-schema": "phiên bản ktxh mới hơn",
    }[damage] in err
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["o-day-truoc"]


def test_a_failing_restore_changes_nothing(source, capsys, tmp_path):
    assert cli(capsys, "restore", str(source))[0] == 0
    before = tmp_path / "before.zip"
    assert cli(capsys, "backup", "-o", str(before))[0] == 0
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(broken, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "data/values.datavalue.jsonl":  # a value of an indicator that does not exist
                lines = data.decode().splitlines()
                columns = json.loads(lines[0])
                row = json.loads(lines[-1])
                row[columns.index("id")] += 100000
                row[columns.index("indicator_id")] = 999999
                data = ("\n".join([*lines, json.dumps(row)]) + "\n").encode()
            copy.writestr(item, data)
    status, _out, _err = cli(capsys, "restore", "--force", str(broken))
    assert status != 0
    connection.close()
    after = tmp_path / "after.zip"
    assert cli(capsys, "backup", "-o", str(after))[0] == 0
    assert contents(after) == contents(before)


def test_backup_to_an_unwritable_place_is_explained(db, capsys):
    status, _out, err = cli(capsys, "backup", "-o", "/khong/co/thu/muc/x.zip")
    assert status == 2 and "Không ghi được tệp" in err


def test_a_backup_of_an_older_schema_is_loaded_into_it_and_upgraded(source, capsys, tmp_path):
    """A backup made before the last migration of the change log (sign-ins in it) still restores."""
    older = tmp_path / "older.zip"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(older, "w") as copy:
        manifest = json.loads(original.read("manifest.json"))
        manifest["migrations"]["history"] = ["0001_initial"]
        # as old as that, it was also made before the kept roll-ups (values.0003 comes after history.0005)
        manifest["migrations"]["values"] = ["0001_initial"]
        for item in original.infolist():
            if item.filename != "manifest.json":
                copy.writestr(item, original.read(item))
        copy.writestr("manifest.json", json.dumps(manifest))
    status, _out, err = cli(capsys, "restore", str(older))
    assert status == 0, err
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    assert not executor.migration_plan(executor.loader.graph.leaf_nodes())  # upgraded to the current schema
    copy = tmp_path / "copy.zip"
    assert cli(capsys, "backup", "-o", str(copy))[0] == 0
    assert contents(copy) == contents(source)


def test_the_backup_is_readable_by_its_owner_only(source):
    """It holds the users' password hashes: 600, like the database file."""
    assert source.stat().st_mode & 0o777 == 0o600
