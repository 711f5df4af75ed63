"""Languages of ktxh, and translation for the moments when Django cannot translate yet.

Messages are written in English and translated through the ``vi`` catalog in ``ktxh/locale``; Vietnamese is the
default. ``KTXH_LANGUAGE`` (``vi`` or ``en``) chooses the language of the command line and the web app's default.

While the settings are being imported (a bad ``KTXH_DATABASE_URL``), Django's translation functions cannot run:
they need the very settings that failed. :func:`early_gettext` reads the same compiled catalog with the standard
library instead, so those messages are translated like every other one.

After changing a message, from ``src/ktxh`` (needs GNU gettext)::

    DJANGO_SETTINGS_MODULE=ktxh.settings PYTHONPATH=.. django-admin makemessages -l vi --no-obsolete
    # translate the new entries in locale/vi/LC_MESSAGES/django.po (no empty or fuzzy ones), then
    DJANGO_SETTINGS_MODULE=ktxh.settings PYTHONPATH=.. django-admin compilemessages -l vi

``tests/test_i18n.py`` fails while an entry is untranslated or fuzzy, or the ``.mo`` is older than the ``.po``.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT_LANGUAGE = "vi"
# Each language in its own name, as a language menu shows it.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]


def requested_language() -> str:
    """The value of ``KTXH_LANGUAGE``, or the default. Not checked: see :func:`early_language`."""
    return os.environ.get("KTXH_LANGUAGE", "").strip() or DEFAULT_LANGUAGE


def early_language() -> str:
    """The language to use before the settings are loaded: ``KTXH_LANGUAGE`` if ktxh has it, else the default."""
    language = requested_language()
    return language if language in dict(LANGUAGES) else DEFAULT_LANGUAGE


def early_gettext(message: str) -> str:
    """Translate without Django (which may not be configured yet), from the same catalog Django uses."""
    catalog = gettext.translation("django", localedir=LOCALE_DIR, languages=[early_language()], fallback=True)
    return catalog.gettext(message)
