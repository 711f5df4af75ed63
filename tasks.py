#!/usr/bin/env python3
"""Quick start with nothing but Python 3.11 and pip:

    python3 tasks.py demo    # virtual environment, install, demo data, web app on http://127.0.0.1:8000
    python3 tasks.py test    # ruff, then the test suite on SQLite, then on PostgreSQL when one is reachable

The PostgreSQL run uses ``KTXH_TEST_POSTGRES_URL`` (default ``postgresql://postgres@127.0.0.1:5432/test``). Without a
reachable server it is skipped with a message, unless ``KTXH_REQUIRE_POSTGRES=1`` (as in CI), where it fails.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import tempfile
import venv
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def say(message: str) -> None:
    print(f"[ktxh] {message}", flush=True)


def ensure_environment() -> None:
    """Create .venv and install ktxh with its test extras; reinstall only when pyproject.toml changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 (tasks.py is run by whatever python3 the user has)
        sys.exit("ktxh cần Python 3.11 trở lên (ktxh needs Python 3.11+).")
    if not PYTHON.exists():
        say("creating the virtual environment in .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".ktxh-installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        say("installing ktxh and its dependencies")
        subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
        stamp.write_text(digest)


def postgres_reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 5432), timeout=3):
            return True
    except OSError:
        return False


def run_pytest(database_url: str, label: str, extra: list[str]) -> int:
    say(f"tests on {label}")
    env = dict(os.environ, KTXH_DATABASE_URL=database_url, KTXH_TEST_DATABASE=label)
    return subprocess.run([str(PYTHON), "-m", "pytest", *extra], cwd=ROOT, env=env).returncode


def lint() -> int:
    """ruff (lint and format, configured in pyproject.toml) over the whole tree; the layer contracts are a test."""
    say("lint: ruff check and ruff format --check")
    checked = subprocess.run([str(BIN / "ruff"), "check", "."], cwd=ROOT).returncode
    formatted = subprocess.run([str(BIN / "ruff"), "format", "--check", "."], cwd=ROOT).returncode
    return checked or formatted


def test(extra: list[str]) -> int:
    ensure_environment()
    lint_status = lint()
    with tempfile.TemporaryDirectory(prefix="ktxh-test-") as tmp:
        os.environ.setdefault("KTXH_DATA_DIR", tmp)
        status = run_pytest(f"sqlite:///{Path(tmp) / 'ktxh.sqlite3'}", "sqlite", extra)
        postgres_url = os.environ.get("KTXH_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
        if postgres_reachable(postgres_url):
            status = run_pytest(postgres_url, "postgresql", extra) or status
        elif os.environ.get("KTXH_REQUIRE_POSTGRES") == "1":
            say(f"FAILED: PostgreSQL is required (KTXH_REQUIRE_POSTGRES=1) but {postgres_url} is not reachable")
            status = status or 1
        else:
            say(
                f"SKIPPED the PostgreSQL run: no server at {postgres_url} "
                "(set KTXH_TEST_POSTGRES_URL, or start PostgreSQL, to run it)"
            )
    if lint_status:
        say("FAILED: ruff found problems (see above; `ruff check --fix .` and `ruff format .` fix most)")
    return status or lint_status


def demo(extra: list[str]) -> int:
    ensure_environment()
    return subprocess.run([str(BIN / "ktxh"), "demo", *extra], cwd=ROOT).returncode


def main() -> int:
    commands = {"demo": demo, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    try:
        return commands[sys.argv[1]](sys.argv[2:])
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
