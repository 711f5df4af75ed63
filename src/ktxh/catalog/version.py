"""The catalog's version, so that a process may keep what it read from the catalog and know when to read it again.

Every data entry evaluates the validation rules, and every page shows figures: both need the whole catalog (the
indicators with their measures, the names of dimensions, options and target sources). Reading it again for each
save costs most of the save; keeping it in memory is only right if a change made anywhere — the admin, the catalog
loader, a script, another gunicorn worker — is seen by the next request of every process.

Every change of a catalog model goes through the one append-only change log, whatever the path: saves and deletes
through :func:`ktxh.history.recorder.track`, many-to-many changes through ``m2m_changed``, bulk writers through
:func:`~ktxh.history.recorder.record_many` (a writer of catalog rows that bypasses both would have to call it, as
the rule for bulk writers already says). The log is in the database every process shares, so its catalog records
are the version: :func:`stamp` reads (how many, the last id, the last time) of them in one indexed query. The time
is part of the stamp because SQLite reuses the ids of rolled-back rows: two different catalogs written in two
rolled-back transactions (two tests) may end on the same id, never at the same microsecond.

:func:`current` keeps one object per builder (``Catalog``, ``Labels``) and builds it again when the stamp moved. The
stamp is read before the catalog, so a change committed between the two reads leaves the kept object marked older
than it is — it is read again next time, never kept stale.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db.models import Count, Max

from ktxh.catalog.models import Dimension, DimensionOption, Indicator, Measure, Sector, TargetSource
from ktxh.history.models import ChangeRecord

CATALOG_TYPES = tuple(
    f"{model._meta.app_label}.{model._meta.model_name}"
    for model in (Measure, Sector, Dimension, DimensionOption, TargetSource, Indicator)
)

T = TypeVar("T")
_kept: dict[Callable, tuple[tuple, object]] = {}
_lock = threading.Lock()


def stamp() -> tuple:
    """(number, last id, last time) of the change records of catalog objects: changes whenever the catalog does."""
    found = ChangeRecord.objects.filter(object_type__in=CATALOG_TYPES).aggregate(
        count=Count("id"), last=Max("id"), at=Max("time")
    )
    return found["count"], found["last"], found["at"]


def current(build: Callable[[], T], now: tuple | None = None) -> T:
    """``build()`` as of the catalog now: the object this process built before if the catalog has not changed
    since, else a new one (kept for the next call). One small query when nothing changed; none when the caller
    passes the :func:`stamp` it has just read (to get several objects for one computation). The object is shared
    by every request of the process: read it, never change it."""
    if now is None:
        now = stamp()
    kept = _kept.get(build)
    if kept is not None and kept[0] == now:
        return kept[1]
    built = build()
    with _lock:
        _kept[build] = (now, built)
    return built
