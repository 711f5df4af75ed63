"""Django settings for ktxh.

The database comes from ``KTXH_DATABASE_URL`` (``sqlite:///path`` or ``postgresql://user@host:port/name``). Without
it, ktxh uses an SQLite file in WAL mode in the user's data directory, so that one command starts the demo.

``KTXH_LANGUAGE`` (``vi``, the default, or ``en``) sets the language of the command line and the web app's default.

The messages of :class:`ConfigurationError` are raised while this module is imported, before Django can translate;
they go through :func:`ktxh.i18n.early_gettext`, which reads the same ``vi`` catalog without Django.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from platformdirs import user_data_dir

from ktxh.configuration import ConfigurationError
from ktxh.i18n import LANGUAGES, early_gettext as _, requested_language

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("KTXH_DATA_DIR") or user_data_dir("ktxh", appauthor=False))


def database_from_url(url: str) -> dict:
    """Turn ``KTXH_DATABASE_URL`` into a Django ``DATABASES`` entry."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # sqlite:///relative.db, sqlite:////absolute/path.db, sqlite:///:memory:
        path = unquote(parsed.path[1:] if parsed.path.startswith("/") else parsed.path)
        if not path:
            raise ConfigurationError(_("KTXH_DATABASE_URL=%(url)s: the path of the SQLite file is missing.")
                                     % {"url": repr(url)})
        return sqlite_database(path)
    if parsed.scheme in ("postgres", "postgresql", "pgsql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "ktxh",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
            "TEST": {"NAME": f"test_{unquote(parsed.path.lstrip('/')) or 'ktxh'}"},
        }
    raise ConfigurationError(
        _("KTXH_DATABASE_URL=%(url)s: only sqlite:///path/to/file or postgresql://user@host:port/name are supported.")
        % {"url": repr(url)}
    )


def sqlite_database(path: str) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            # WAL lets readers (the web app) work while a writer (an import) runs; IMMEDIATE avoids the
            # "database is locked" upgrade deadlock of deferred transactions.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASE_URL = os.environ.get("KTXH_DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {"default": sqlite_database(str(DATA_DIR / "ktxh.sqlite3"))}

def _secret_key() -> str:
    """``KTXH_SECRET_KEY``, or a random key made once and kept (readable by its owner only) in the data
    directory: never a key that ships with the code."""
    if os.environ.get("KTXH_SECRET_KEY"):
        return os.environ["KTXH_SECRET_KEY"]
    import secrets

    path = DATA_DIR / "secret_key"
    try:
        if path.exists():
            return path.read_text(encoding="ascii").strip()
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(key)
        return key
    except OSError:
        return secrets.token_urlsafe(50)  # unwritable data directory: sessions last until the process ends


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("KTXH_DEBUG", "") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("KTXH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ktxh.history",
    "ktxh.units",
    "ktxh.catalog",
    "ktxh.values",
    "ktxh.rules",
    "ktxh.reports",
    "ktxh.ingest",
    "ktxh.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ktxh.history.middleware.ChangeActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ktxh.urls"
WSGI_APPLICATION = "ktxh.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = requested_language()
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ConfigurationError(_("KTXH_LANGUAGE=%(value)s: the language must be one of %(languages)s.")
                             % {"value": repr(LANGUAGE_CODE), "languages": ", ".join(code for code, _n in LANGUAGES)})
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["ktxh.formats"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Logging: ktxh's own loggers ("ktxh.*") write one line per load, import, export and report with counts and time.
# They go to standard error; the level is WARNING unless KTXH_LOG_LEVEL says otherwise (the CLI's --verbose sets
# INFO, -vv DEBUG). Django's own loggers keep their defaults.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {"ktxh": {"handlers": ["stderr"], "level": os.environ.get("KTXH_LOG_LEVEL", "WARNING").upper(),
                         "propagate": True}},
}
