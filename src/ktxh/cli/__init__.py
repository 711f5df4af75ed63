"""The ``ktxh`` command. Thin: it parses arguments, sets Django up and calls the command modules, one per command
in :mod:`ktxh.cli.commands` and listed once in :data:`COMMANDS`.

User mistakes (a bad file, an unknown unit, a period that does not parse, an unreachable database) end with a
message and exit status 2, never a traceback. Messages and help are in Vietnamese, or in English with
``KTXH_LANGUAGE=en`` (the ``vi`` catalog in ``ktxh/locale`` translates the English source texts). ``--verbose``
logs a line per load, import, export and report with its counts and time (``-vv``: debugging detail).

Commands that only read (scorecard, progress, export, units, validate, audit, report) never create or change the schema:
on an empty or outdated database they say to run ``ktxh init``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys

from django.utils.translation import gettext as _

from ktxh.cli.base import UserError, prepare_data_dir, setup_django
from ktxh.i18n import early_gettext

__all__ = ["COMMANDS", "UserError", "build_parser", "main"]

#: The commands, in the order ``ktxh --help`` lists them: each a module of ktxh.cli.commands with ``register``.
COMMANDS = (
    "demo",
    "serve",
    "init",
    "load",
    "catalog",
    "import",
    "template",
    "export",
    "units",
    "scorecard",
    "progress",
    "report",
    "audit",
    "ingest",
    "validate",
    "users",
    "history",
    "backup",
    "restore",
    "rollups",
    "manage",
)


def _module(name: str):
    """The module of a command (``import`` is a Python keyword, so its module is ``import_``)."""
    return importlib.import_module(f"ktxh.cli.commands.{name}_" if name == "import" else f"ktxh.cli.commands.{name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ktxh",
        description=_("ktxh — socio-economic planning, monitoring and reporting for communes."),
        epilog=_(
            "Database: the environment variable KTXH_DATABASE_URL (sqlite:///file or postgresql://…); "
            "by default an SQLite file in the user's data folder."
        ),
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help=_("log what is done, with counts and times (-vv: more detail)"),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar=_("COMMAND"))
    for name in COMMANDS:
        _module(name).register(sub)
    return parser


def configure_logging(verbosity: int) -> None:
    """``ktxh`` loggers to standard error: warnings by default, INFO with -v, DEBUG with -vv."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.getLogger("ktxh").setLevel(level)


def main(argv: list[str] | None = None) -> int:
    try:
        setup_django()
    except UserError as error:
        # The settings are unusable, so Django cannot translate: the catalog is read directly.
        print(early_gettext("Error: %(error)s") % {"error": error}, file=sys.stderr)
        return 2
    from django.conf import settings
    from django.utils import translation

    # Outside a request nothing chooses a language, so the command does: Vietnamese unless KTXH_LANGUAGE says
    # otherwise. ``override`` also restores the caller's language when main() runs in-process (tests).
    with translation.override(settings.LANGUAGE_CODE):
        args = build_parser().parse_args(argv)
        configure_logging(getattr(args, "verbose", 0))
        return run(args)


def run(args) -> int:
    """Run a parsed command, turning user mistakes into a message and exit status 2."""
    from django.db import DatabaseError, IntegrityError

    from ktxh.configuration import ConfigurationError
    from ktxh.datafiles import LoadError
    from ktxh.periods import PeriodError

    try:
        if getattr(args, "needs_database", True):
            prepare_data_dir()
        try:
            return args.func(args)
        except ConfigurationError as error:  # a setting read while the command runs (an import limit)
            raise UserError(str(error)) from None
        except IntegrityError as error:
            # A record that clashes with one already stored: most often another user or command wrote the same
            # thing at the same moment. The database is reachable, so KTXH_DATABASE_URL is not the place to look.
            raise UserError(
                _(
                    "The database refused a record that clashes with one already stored (%(error)s). Another user "
                    "or command may have written the same data at the same moment: run the command again."
                )
                % {"error": str(error).strip()}
            ) from None
        except DatabaseError as error:
            raise UserError(
                _("Database error: %(error)s. Check KTXH_DATABASE_URL and the database server.") % {"error": error}
            ) from None
    except (UserError, LoadError, PeriodError) as error:
        print(_("Error: %(error)s") % {"error": error}, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (``ktxh export | head``): not an error
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (standard output for the rest of the process)
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
