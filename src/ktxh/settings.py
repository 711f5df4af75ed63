"""Django settings for ktxh.

The database comes from ``KTXH_DATABASE_URL`` (``sqlite:///path`` or ``postgresql://user@host:port/name``). Without
it, ktxh uses an SQLite file in WAL mode in the user's data directory, so that one command starts the demo.

``KTXH_LANGUAGE`` (``vi``, the default, or ``en``) sets the language of the command line and the web app's default.

The messages of :class:`ConfigurationError` are raised while this module is imported, before Django can translate;
they go through :func:`ktxh.i18n.early_gettext`, which reads the same ``vi`` catalog without Django.
"""

from __future__ import annotations

import datetime
import os
import warnings
from pathlib import Path
from urllib.parse import unquote, urlparse

from platformdirs import user_data_dir

from ktxh.configuration import ConfigurationError
from ktxh.i18n import LANGUAGES, requested_language
from ktxh.i18n import early_gettext as _

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("KTXH_DATA_DIR") or user_data_dir("ktxh", appauthor=False))


def database_from_url(url: str) -> dict:
    """Turn ``KTXH_DATABASE_URL`` into a Django ``DATABASES`` entry."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # sqlite:///relative.db, sqlite:////absolute/path.db, sqlite:///:memory:
        path = unquote(parsed.path[1:] if parsed.path.startswith("/") else parsed.path)
        if not path:
            raise ConfigurationError(
                _("KTXH_DATABASE_URL=%(url)s: the path of the SQLite file is missing.") % {"url": repr(url)}
            )
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
        # Tests use a file beside the database, not Django's shared in-memory one: the live server's threads, the
        # browser tests and the report workers then see one database in WAL mode, as in production. The name carries
        # the test run's process id: two test runs at once (two checkouts on one machine) would otherwise clobber
        # each other's database, which the other run sees as "disk I/O error".
        "TEST": {"NAME": f"{path}.test-{os.getpid()}" if path != ":memory:" else None},
    }


DATABASE_URL = os.environ.get("KTXH_DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {"default": sqlite_database(str(DATA_DIR / "ktxh.sqlite3"))}


def _secret_key() -> str:
    """``KTXH_SECRET_KEY``, or a random key made once and kept (readable by its owner only) in the data
    directory: never a key that ships with the code. An empty or cut-short file (a full disk at the first start)
    is replaced by a new key; a file that exists but cannot be read stops ktxh with a message naming it (a new key
    each start would sign everybody out at every restart, silently)."""
    if os.environ.get("KTXH_SECRET_KEY"):
        return os.environ["KTXH_SECRET_KEY"]
    import secrets

    path = DATA_DIR / "secret_key"
    try:
        key = path.read_text(encoding="ascii").strip()
    except (FileNotFoundError, NotADirectoryError):  # no key yet (or no data folder: the CLI says why)
        key = None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ConfigurationError(
            _(
                "Cannot read the secret key file «%(path)s»: %(reason)s. Give the user running ktxh read access "
                "to it, or delete it to make a new key (everybody will have to sign in again)."
            )
            % {"path": path, "reason": reason}
        ) from None
    if key is not None and len(key) >= 50:
        return key
    try:
        if key is not None:
            path.unlink()  # empty or cut short: make a new one, not a broken one
        DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        temporary = path.with_name(path.name + ".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(key)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)  # whole or not at all: a full disk leaves no empty key behind
        return key
    except OSError:
        return secrets.token_urlsafe(50)  # unwritable data directory: sessions last until the process ends


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("KTXH_DEBUG", "") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("KTXH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

# A deadlines file of the province's own reporting regime instead of the packaged one (ktxh.workflow.deadlines).
KTXH_DEADLINES_FILE = os.environ.get("KTXH_DEADLINES_FILE", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ktxh.history",
    "ktxh.units",
    "ktxh.catalog",
    "ktxh.values",
    "ktxh.rules",
    "ktxh.reports",
    "ktxh.ingest",
    "ktxh.workflow",
    "ktxh.web",
    # the REST API (exchange2)
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "ktxh.api",
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "ktxh.api.views.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ktxh API",
    "DESCRIPTION": "Catalog, units, figures, targets, scorecards, imports and the submission workflow of ktxh.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # one name for each choice set used by several fields (the workflow's states and actions)
    "ENUM_NAME_OVERRIDES": {
        "WorkflowStateEnum": "ktxh.workflow.models.State",
        "WorkflowActionEnum": "ktxh.workflow.actions.ACTIONS",
    },
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ktxh.web.middleware.RefuseNulBytes",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ktxh.history.middleware.ChangeActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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

LANGUAGE_CODE = requested_language()
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ConfigurationError(
        _("KTXH_LANGUAGE=%(value)s: the language must be one of %(languages)s.")
        % {"value": repr(LANGUAGE_CODE), "languages": ", ".join(code for code, _n in LANGUAGES)}
    )
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
    "loggers": {
        "ktxh": {
            "handlers": ["stderr"],
            "level": os.environ.get("KTXH_LOG_LEVEL", "WARNING").upper(),
            "propagate": True,
        }
    },
}


# ---------------------------------------------------------------------------------------------------------------
# Production serving and login protection (docs/deployment.md). Everything comes from the environment:
#   KTXH_HTTPS=1             the site is reached over HTTPS (directly or through a proxy): Secure cookies, HSTS,
#                            redirect of plain HTTP (KTXH_SSL_REDIRECT=0 to leave that to the proxy)
#   KTXH_BEHIND_PROXY=1      trust X-Forwarded-Proto from the reverse proxy (only when the proxy sets it)
#   KTXH_HSTS_SECONDS        HSTS max-age when KTXH_HTTPS=1 (default one year); KTXH_HSTS_PRELOAD=1 to ask preloading
#   KTXH_CSRF_TRUSTED_ORIGINS  comma-separated origins (https://ktxh.example.gov.vn) when a proxy changes the host
#   KTXH_LOGIN_FAILURE_LIMIT failed sign-ins of one user name before the lock-out (default 5)
#   KTXH_LOGIN_COOLOFF_MINUTES  how long a lock-out lasts (default 15)
# ---------------------------------------------------------------------------------------------------------------
def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return default if not value else value in ("1", "true", "yes", "on")


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigurationError(
            _("%(name)s=%(value)s: a whole number greater than 0 is needed.") % {"name": name, "value": repr(raw)}
        )
    return value


HTTPS = _flag("KTXH_HTTPS")
INSTALLED_APPS += ["axes", "csp"]
# WhiteNoise serves the static files from the app itself, right after the security middleware; Axes comes last.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "whitenoise.middleware.WhiteNoiseMiddleware"
)
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
# Static files straight from the apps' folders (no collectstatic step to forget); compressed copies are not needed
# for a few small files.
WHITENOISE_USE_FINDERS = True
warnings.filterwarnings("ignore", message="No directory at: ")  # no collectstatic
WHITENOISE_AUTOREFRESH = DEBUG

# Argon2 for new and changed passwords; the older PBKDF2 hashes still log in (and are upgraded when they do).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Password rules beyond the length: not like the user name or name, not a common password, not only digits. Django
# ships their messages in Vietnamese (django/contrib/auth/locale/vi).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "ktxh.web.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lock-out of repeated failed sign-ins (django-axes), per user name: offices share one address behind their router,
# so locking an address would lock a whole commune out. The right password does not sign in during the cool-off.
AUTHENTICATION_BACKENDS = ["ktxh.web.lockout.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = _positive_int("KTXH_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=_positive_int("KTXH_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ktxh.web.lockout.locked_out"
AXES_VERBOSE = False

# Security headers. X-Frame-Options DENY, nosniff and the referrer policy always; HSTS and Secure cookies over HTTPS.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and _flag("KTXH_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy's health probe may come over plain HTTP
SECURE_HSTS_SECONDS = _positive_int("KTXH_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and _flag("KTXH_HSTS_PRELOAD")
if _flag("KTXH_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = False
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("KTXH_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
CSRF_FAILURE_VIEW = "django.views.csrf.csrf_failure"  # renders templates 403_csrf.html (Vietnamese)
# Content-Security-Policy: only the app's own scripts (htmx is vendored by django-htmx), styles and images; the admin
# and the pages use inline style attributes, nothing uses inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Preloading HSTS is a promise about every subdomain for years: opt in with KTXH_HSTS_PRELOAD=1, not by default.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD or not HTTPS else ["security.W021"]
# Axes asks to lock addresses too; offices share one address, so ktxh locks user names only (see above).
SILENCED_SYSTEM_CHECKS += ["axes.W006"]
