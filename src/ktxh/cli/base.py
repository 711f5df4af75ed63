"""What every command shares: the user-error type, Django set-up, the schema check, output files, and reading a
unit code or a period label as the user typed it.

User mistakes end with a message and exit status 2, never a traceback: commands raise :class:`UserError` (or a
loader's ``LoadError``, a ``PeriodError``) and :func:`ktxh.cli.main` prints it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from pathlib import Path

from django.utils.translation import gettext as _

log = logging.getLogger("ktxh.cli")

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


class UserError(Exception):
    """Something the user can fix; the message says what."""


def setup_django() -> None:
    """Load the settings and the apps. Touches neither the disk nor the database, so ``--help`` stays harmless."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
    import django

    from ktxh.configuration import ConfigurationError  # not from ktxh.settings: importing that is what fails

    try:
        django.setup()
    except ConfigurationError as error:
        raise UserError(str(error)) from None


def prepare_data_dir() -> None:
    """Create the folder of the SQLite database and the data folder (readable by their owner only: 700), and open
    the SQLite file (600: it holds sessions and password hashes; SQLite gives its -wal and -shm files the same
    mode); an unwritable one is a user error. A database file that exists is narrowed to 600 too, and the data folder
    to 700 (only that one: the database's folder may be shared, such as /tmp)."""
    from django.conf import settings

    from ktxh.settings import DATA_DIR

    folders = [DATA_DIR]
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        folders.append(Path(settings.DATABASES["default"]["NAME"]).parent)
    for folder in folders:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise UserError(
                _("Cannot create the folder «%(path)s»: %(reason)s. Check KTXH_DATA_DIR and KTXH_DATABASE_URL.")
                % {"path": folder, "reason": error.strerror}
            ) from None
    with contextlib.suppress(OSError):  # ktxh's own data folder, made 755 by an older version: narrowed too
        if DATA_DIR.stat().st_mode & 0o077 and DATA_DIR.stat().st_uid == os.getuid():
            os.chmod(DATA_DIR, 0o700)
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and database["NAME"] != ":memory:":
        # SQLite itself only says "unable to open database file": open it as SQLite would (creating it if it is
        # missing), to say which file and why.
        try:
            os.close(os.open(database["NAME"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600))
        except OSError as error:
            raise UserError(
                _("Cannot open the database file «%(path)s»: %(reason)s. Check KTXH_DATABASE_URL.")
                % {"path": database["NAME"], "reason": error.strerror}
            ) from None
        with contextlib.suppress(OSError):  # another owner's file: theirs to narrow
            if os.stat(database["NAME"]).st_mode & 0o077:
                os.chmod(database["NAME"], 0o600)


def migrate(verbose: bool = False) -> None:
    """Create or upgrade the schema: only for the commands that write (demo, serve, init, load, catalog, import)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)


def require_schema() -> None:
    """For read-only commands: the schema must be there and current; they never create or change it."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise UserError(
            _(
                "The database is not ready (empty or from an older version of ktxh). Create or upgrade "
                "it first: ktxh init"
            )
        )


@contextlib.contextmanager
def output(path: str | None):
    """Standard output, or the file ``path`` as text (written through :func:`written_file`)."""
    if not path or path == "-":
        yield sys.stdout
        return
    with written_file(path) as partial, open(partial, "w", encoding="utf-8", newline="") as handle:
        yield handle


@contextlib.contextmanager
def written_file(path: str):
    """The one way a command writes a file: yields ``path.tmp`` for the block to write, then renames it to ``path``
    when the block succeeds, so a failure (a full disk, an error half-way, Ctrl-C) never leaves a half-written file
    under the real name, and the partial file is always removed. An unwritable path is a user error."""
    target = output_path(path)
    partial = target.with_name(target.name + ".tmp")
    try:
        yield partial
        partial.replace(target)
    except OSError as error:
        raise UserError(
            _("Could not write the file «%(path)s»: %(reason)s.") % {"path": path, "reason": error.strerror}
        ) from None
    finally:
        with contextlib.suppress(OSError):  # under a file or gone: nothing was left there
            partial.unlink(missing_ok=True)


def output_path(path: str) -> Path:
    """The path of a file the command will write (to ``path.tmp``, then renamed over it). Something there that is
    not a regular file (a device such as /dev/full, a folder, a pipe) is refused: renaming over it would replace it."""
    target = Path(path)
    if target.exists() and not target.is_file():
        raise UserError(_("«%(path)s» is not a regular file: give the name of a file to write.") % {"path": path})
    return target


def unit_from_code(code: str):
    """The unit with this code (or official code: the newest unit that carries it); unknown is a user error."""
    from ktxh.units.models import OrgUnit

    unit = (
        OrgUnit.objects.filter(code=code).first()
        or OrgUnit.objects.filter(official_code=code).order_by("-valid_from").first()
    )
    if unit is None:
        raise UserError(
            _("There is no unit with code «%(code)s». See the list: ktxh units --format csv") % {"code": code}
        )
    return unit


def period_from_label(label: str):
    from ktxh.periods import Period, PeriodError

    try:
        return Period.parse(label)
    except PeriodError as error:
        raise UserError(str(error)) from None


@contextlib.contextmanager
def timed(what: str, **counts):
    """Log one line when the block ends: what was done, the counts the block filled in, and how long it took."""
    started = time.perf_counter()
    yield counts
    details = ", ".join(f"{key}={value}" for key, value in counts.items())
    log.info("%s: %s (%.2f s)", what, details or "done", time.perf_counter() - started)
