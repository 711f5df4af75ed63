"""Limits on files brought in (configurable through settings or the environment), and the checks that a file is
what its name says before a reader opens it: a truncated or fake .xlsx, a password-protected workbook (an OLE
container), a zip bomb and an enormous file are refused with a word, before anything is unpacked."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from ktxh.configuration import ConfigurationError
from ktxh.datafiles import Problems
from ktxh.numbers import format_number

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def limit(name: str, default: int) -> int:
    """``KTXH_IMPORT_<NAME>`` from the settings, else from the environment, else ``default``. A value that is not
    a positive whole number is a :class:`~ktxh.configuration.ConfigurationError` naming the setting."""
    key = f"KTXH_IMPORT_{name}"
    value = getattr(settings, key, None) or os.environ.get(key)
    if not value:
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number <= 0:
        raise ConfigurationError(
            _(
                "The setting %(name)s must be a positive whole number (a count of bytes, rows or times), not «%(value)s»."
            )
            % {"name": key, "value": value}
        )
    return number


def max_bytes() -> int:
    return limit("MAX_BYTES", 200 * 1024 * 1024)


def max_unpacked() -> int:
    return limit("MAX_UNPACKED_BYTES", 1024 * 1024 * 1024)


def max_ratio() -> int:
    return limit("MAX_ZIP_RATIO", 200)


def max_rows() -> int:
    return limit("MAX_ROWS", 5_000_000)


def pending_seconds() -> int:
    """How long an uploaded file waits for its confirmation after a preview (the web's import page)."""
    return limit("PENDING_SECONDS", 3600)


def megabytes(count: int) -> str:
    """A size in MB the Vietnamese way (``1,5``; ``0,001`` for a small limit, never ``0,0``), for the messages
    about limits."""
    size = count / 1024 / 1024
    return format_number(round(size, 1 if size >= 1 else 3) or size)


def check_size(path: Path, problems: Problems) -> bool:
    size = path.stat().st_size
    if size > max_bytes():
        problems.add(
            None,
            None,
            _("the file has %(size)s MB, more than the %(limit)s MB allowed (setting KTXH_IMPORT_MAX_BYTES).")
            % {"size": megabytes(size), "limit": megabytes(max_bytes())},
            file=path.name,
        )
        return False
    return True


def check_xlsx(path: Path, problems: Problems) -> bool:
    """Whether ``path`` may be opened as an .xlsx workbook; otherwise the reason is on ``problems``."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        problems.add(
            None,
            None,
            _(
                "the workbook is protected by a password, or is an old Excel 97–2003 file "
                "(.xls): open it in Excel, remove the password and save it as .xlsx."
            ),
            file=path.name,
        )
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
                problems.add(
                    None, None, _("the file is a zip archive but not an Excel workbook (.xlsx)."), file=path.name
                )
                return False
            unpacked = sum(m.file_size for m in members)
            worst = max(
                (m.file_size / max(m.compress_size, 1) for m in members if m.file_size > 1024 * 1024), default=0
            )
            if unpacked > max_unpacked() or worst > max_ratio():
                problems.add(
                    None,
                    None,
                    _(
                        "the workbook unpacks to %(size)s MB (compressed %(ratio)d times): "
                        "too large or a «zip bomb»; nothing was read (settings "
                        "KTXH_IMPORT_MAX_UNPACKED_BYTES, KTXH_IMPORT_MAX_ZIP_RATIO)."
                    )
                    % {"size": megabytes(unpacked), "ratio": int(worst)},
                    file=path.name,
                )
                return False
            bad = archive.testzip() if path.stat().st_size < 20 * 1024 * 1024 else None
            if bad:
                raise zipfile.BadZipFile(bad)
    except (zipfile.BadZipFile, EOFError, OSError):
        problems.add(
            None,
            None,
            _(
                "the file is not a valid Excel workbook (.xlsx): it is truncated, damaged or "
                "of another format; save it again from Excel as «Excel Workbook (.xlsx)»."
            ),
            file=path.name,
        )
        return False
    return True
