"""Who is making the current change: the web user, or a named command-line process."""

from __future__ import annotations

import contextlib
import contextvars

from django.utils.translation import gettext

# An empty name stands for "the system", translated when a change is recorded.
_actor: contextvars.ContextVar[tuple[object | None, str]] = contextvars.ContextVar(
    "ktxh_change_actor", default=(None, "")
)


def current_actor() -> tuple[object | None, str]:
    """(user or None, a name to record)."""
    user, name = _actor.get()
    return user, name or gettext("system")


@contextlib.contextmanager
def acting_as(user=None, name: str | None = None):
    """Attribute every change made inside the block to ``user`` (or to ``name`` for scripts and loaders)."""
    label = name or (user.get_username() if user is not None and user.is_authenticated else "")
    token = _actor.set((user if user is not None and user.is_authenticated else None, label))
    try:
        yield
    finally:
        _actor.reset(token)
