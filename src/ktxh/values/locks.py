"""Figures closed to changes (approval locking): the one mechanism every writer of figures asks.

``values`` cannot know why a figure is closed — the submission workflow is a layer above — so a layer above
*registers a lock* (:func:`register_lock`) when its app starts, and every path that writes figures asks
:func:`closed_reasons` before writing: the save service of the web's entry grid and targets page
(:func:`ktxh.values.entry.save_value`), the one loader of every import (CSV, Excel, DHIS2, the API, ``ktxh load``:
:func:`ktxh.values.loader.load_rows`), and the model itself (``DataValue.save()``/``delete()``, which the admin and
scripts use).

A figure's *place* is (unit, period code, indicator): a lock judges places, never values, and is asked about many at
once (a whole file), so it answers in a few queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

#: (unit, period code, indicator) — unit and indicator are model instances (the lock reads their ids and the
#: indicator's sector).
Place = tuple[object, str, object]
#: (unit id, period code, indicator id): the key of a closed place.
PlaceKey = tuple[int, str, int]
Lock = Callable[[list[Place]], dict[PlaceKey, str]]

_LOCKS: list[Lock] = []


def register_lock(check: Lock) -> None:
    """Add a lock: ``check(places)`` returns ``{(unit id, period code, indicator id): why it is closed}`` for the
    places of the list that are closed (in the active language), leaving the open ones out. Registering the same
    lock twice is harmless."""
    if check not in _LOCKS:
        _LOCKS.append(check)


def unregister_lock(check: Lock) -> None:
    """Remove a lock (tests that register one of their own)."""
    if check in _LOCKS:
        _LOCKS.remove(check)


def place_key(place: Place) -> PlaceKey:
    unit, period, indicator = place
    return unit.pk, period, indicator.pk


def closed_reasons(places: Iterable[Place]) -> dict[PlaceKey, str]:
    """Why each closed place among ``places`` is closed (the first lock that closes it says why); open places are
    not in the answer."""
    places = list(places)
    found: dict[PlaceKey, str] = {}
    if not places:
        return found
    for check in _LOCKS:
        for key, reason in check(places).items():
            found.setdefault(key, reason)
    return found


def closed_reason(unit, period: str, indicator) -> str | None:
    """Why one place is closed, or None if it is open."""
    return closed_reasons([(unit, period, indicator)]).get((unit.pk, period, indicator.pk))
