"""The command line in a hostile environment: an unusable database path or data folder, a full disk, an
unwritable output folder. Each ends with a message and status 2, never a traceback, and no file is left behind."""

import os
import subprocess
import sys

import pytest

from ktxh.cli import main
from ktxh.datasets import load_dataset


def ktxh(tmp_path, *args, **env):
    done = subprocess.run(
        [sys.executable, "-m", "ktxh", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "KTXH_DATA_DIR": str(tmp_path / "data"), **env},
    )
    return done.returncode, done.stderr


@pytest.mark.parametrize(
    "url, data, message",
    [
        ("sqlite:////proc/ktxh/ktxh.sqlite3", None, "Không tạo được thư mục «/proc/ktxh»"),
        ("sqlite:////proc/ktxh.sqlite3", None, "Không mở được tệp cơ sở dữ liệu «/proc/ktxh.sqlite3»"),
        ("sqlite:///{tmp}", None, "Không mở được tệp cơ sở dữ liệu"),
        ("sqlite:///{tmp}/a-file/ktxh.sqlite3", None, "Không tạo được thư mục"),
        ("sqlite:///{tmp}/db.sqlite3", "{tmp}/a-file/data", "Không tạo được thư mục"),
        ("mysql://localhost/ktxh", None, "KTXH_DATABASE_URL"),
    ],
)
def test_unusable_database_path_or_data_folder_is_a_message(tmp_path, url, data, message):
    (tmp_path / "a-file").write_text("not a folder")
    env = {"KTXH_DATABASE_URL": url.format(tmp=tmp_path)}
    if data:
        env["KTXH_DATA_DIR"] = data.format(tmp=tmp_path)
    status, err = ktxh(tmp_path, "init", **env)
    assert status == 2 and message in err and "Traceback" not in err, err


@pytest.fixture
def cli_loaded(files):
    load_dataset(files.dataset, catalog=files.catalog)
    return files


def full_disk(tmp_path, name):
    """A path whose temporary file (``name.tmp``, where ktxh writes first) lands on /dev/full: every write fails
    with ENOSPC, as on a full disk. The symbolic link is removed by ktxh; /dev/full itself is never replaced."""
    target = tmp_path / name
    os.symlink("/dev/full", tmp_path / f"{name}.tmp")
    return target


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("command", [["units"], ["report", "--org-unit", "xa", "--period", "2023", "--no-charts"]])
def test_output_to_a_full_disk_or_an_unwritable_folder_is_a_message(cli_loaded, capsys, tmp_path, command):
    name = "out.docx" if command[0] == "report" else "out.csv"
    (tmp_path / "a-file").write_text("not a folder")
    for target, reason in (
        (full_disk(tmp_path, name), "No space left on device"),
        (tmp_path / "a-file" / name, "a-file"),
    ):
        assert main([*command, "-o", str(target)]) == 2
        err = capsys.readouterr().err
        assert "Không ghi được tệp" in err and reason in err and "Traceback" not in err, err
        assert not target.exists() and not os.path.lexists(f"{target}.tmp")
    assert os.path.exists("/dev/full") and not os.path.isfile("/dev/full")
