"""``ktxh rollups rebuild``: throw away the kept sums of the units below others and recompute them all now.

Never needed after what ktxh itself writes: every change of a figure or of a unit's parent marks the sums it
changes stale in its own transaction, and readers recompute them (:mod:`ktxh.values.rollups`); ``ktxh restore``
rebuilds them by itself. It is for figures written into the database by other means (SQL typed by hand, a tool
that bypasses the change log), and to pay the recomputation at a quiet hour instead of on the first page read.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ktxh.cli.base import migrate, timed


def register(subparsers) -> None:
    parser = subparsers.add_parser("rollups", help=_("recompute the kept sums of the units below others"))
    parser.add_argument("action", choices=["rebuild"])
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.values.rollups import rebuild

    migrate()
    with timed("rollups rebuild") as summary:
        places = summary["places"] = rebuild()
    print(_("Recomputed the sums of %(count)d units and periods.") % {"count": places})
    return 0
