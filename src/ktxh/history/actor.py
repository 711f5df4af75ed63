"""Who is making the current change: the web user, or a named command-line process."""

from __future__ import annotations

import contextlib
import contextvars

_actor: contextvars.ContextVar[tuple[object | None, str]] = contextvars.ContextVar(
    "ktxh_change_actor", default=(None, "hệ thống")
)


def current_actor() -> tuple[object | None, str]:
    """(user or None, a name to record)."""
    return _actor.get()


@contextlib.contextmanager
def acting_as(user=None, name: str | None = None):
    """Attribute every change made inside the block to ``user`` (or to ``name`` for scripts and loaders)."""
    label = name or (user.get_username() if user is not None and user.is_authenticated else "hệ thống")
    token = _actor.set((user if user is not None and user.is_authenticated else None, label))
    try:
        yield
    finally:
        _actor.reset(token)
