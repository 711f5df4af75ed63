"""Helpers of the server tests: ``ktxh`` in a subprocess with its own data folder and database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import ktxh

SRC = str(Path(ktxh.__file__).resolve().parents[1])
PORTS = range(8050, 8060)


def ktxh_env(tmp_path: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("KTXH_")}
    env.update(
        {
            "PYTHONPATH": SRC + os.pathsep + env.get("PYTHONPATH", ""),
            "KTXH_DATA_DIR": str(tmp_path / "data"),
            "KTXH_DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'ktxh.sqlite3'}",
            "KTXH_LANGUAGE": "vi",
        }
    )
    env.update(extra)
    return env


def run_ktxh(env: dict[str, str], *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ktxh", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def free_port() -> int:
    for port in PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 8050-8059")


def database_url_of_tests() -> str:
    """The URL of the database the tests run on (the SQLite file or the PostgreSQL test database)."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings["USER"] or "postgres"
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        return f"postgresql://{user}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    return f"sqlite:///{settings['NAME']}"
