"""The documented production settings (docs/deployment.md) pass ``django check --deploy``; the HTTPS flag turns on
Secure cookies and HSTS; bad numbers in the environment are explained."""

from __future__ import annotations

import json
import stat
import subprocess
import sys

from tests.server.conftest import ktxh_env, run_ktxh

PRODUCTION = {
    "KTXH_SECRET_KEY": "k3Yx-9fQw2Lr7Vt5Zp8Nc4Hs6Jd1Mb0Ga3Ue7Ri5Oy9Tw2Eq4Xz6Cv8Bn1Lm3Kj5Hg7Fd9Sa",
    "KTXH_ALLOWED_HOSTS": "ktxh.example.gov.vn",
    "KTXH_HTTPS": "1",
    "KTXH_BEHIND_PROXY": "1",
}


def _django(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env={**env, "DJANGO_SETTINGS_MODULE": "ktxh.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    result = _django(ktxh_env(tmp_path, **PRODUCTION), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_https(tmp_path):
    env = ktxh_env(tmp_path, **{**PRODUCTION, "KTXH_HTTPS": ""})
    result = _django(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0 and "security.W004" in result.stderr + result.stdout


def _settings(env, *names):
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "ktxh.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_https_flag_sets_secure_cookies_hsts_and_the_proxy_header(tmp_path):
    names = (
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "ALLOWED_HOSTS",
        "AXES_FAILURE_LIMIT",
        "AXES_COOLOFF_TIME",
    )
    production = _settings(
        ktxh_env(tmp_path, **PRODUCTION, KTXH_LOGIN_FAILURE_LIMIT="7", KTXH_LOGIN_COOLOFF_MINUTES="30"), *names
    )
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] is production["CSRF_COOKIE_SECURE"] is True
    assert production["SECURE_HSTS_SECONDS"] == 31536000 and production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert production["ALLOWED_HOSTS"] == ["ktxh.example.gov.vn"]
    assert production["AXES_FAILURE_LIMIT"] == 7 and production["AXES_COOLOFF_TIME"] == "0:30:00"
    plain = _settings(
        ktxh_env(tmp_path), "SESSION_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT", "DEBUG"
    )
    assert plain == {
        "SESSION_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_SSL_REDIRECT": False,
        "DEBUG": False,
    }


def test_a_bad_number_in_the_environment_is_explained(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "ktxh", "units"],
        env=ktxh_env(tmp_path, KTXH_LOGIN_FAILURE_LIMIT="abc"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "KTXH_LOGIN_FAILURE_LIMIT" in result.stderr


def test_an_empty_secret_key_file_is_replaced(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "secret_key").write_text("")
    env = ktxh_env(tmp_path)
    key = _settings(env, "SECRET_KEY")["SECRET_KEY"]
    assert len(key) >= 50 and (tmp_path / "data" / "secret_key").read_text() == key
    assert _settings(env, "SECRET_KEY")["SECRET_KEY"] == key


def test_an_unreadable_secret_key_file_is_explained(tmp_path):
    (tmp_path / "data" / "secret_key").mkdir(parents=True)  # a folder where the key should be: cannot be read
    result = run_ktxh(ktxh_env(tmp_path), "units")
    assert result.returncode == 2, result.stderr
    assert "secret_key" in result.stderr and "Traceback" not in result.stderr


def test_the_data_folder_database_and_key_are_the_owners_only(tmp_path):
    env = ktxh_env(tmp_path, KTXH_DATABASE_URL=f"sqlite:///{tmp_path / 'data' / 'ktxh.sqlite3'}")
    result = run_ktxh(env, "init")
    assert result.returncode == 0, result.stderr
    data = tmp_path / "data"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "ktxh.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "secret_key").stat().st_mode) == 0o600


def test_an_existing_data_folder_open_to_others_is_narrowed(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)  # as an older version (or a umask of 022) left it
    env = ktxh_env(tmp_path, KTXH_DATABASE_URL=f"sqlite:///{data / 'ktxh.sqlite3'}")
    result = run_ktxh(env, "init")
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
