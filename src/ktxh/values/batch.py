"""Bulk writes of figures, and the layers above that must hear of them.

``bulk_create``/``bulk_update`` send no signal, yet the validation rules (a layer above ``values``) must run on
what a load wrote. Data flows one way, so ``values`` cannot call the rules: instead a layer above registers a
*batch hook* — a factory of context managers whose value has ``touch(values)`` — and every bulk writer here wraps
its write in :func:`bulk_write`. The rules register theirs in their app's ``ready()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, ExitStack, contextmanager

_HOOKS: list[Callable[[], AbstractContextManager]] = []


def register_batch_hook(factory: Callable[[], AbstractContextManager]) -> None:
    """Have ``factory()`` wrap every bulk write of figures; registering the same factory twice is harmless."""
    if factory not in _HOOKS:
        _HOOKS.append(factory)


class _Batch:
    def __init__(self, batches: list):
        self._batches = batches

    def touch(self, values: Iterable) -> None:
        """Tell every hook which figures the bulk write wrote (they sent no signal). ``values`` may be a generator of
        a million figures: the hooks get them a chunk at a time (each object needs ``org_unit_id``, ``period`` and
        ``indicator_id``)."""
        chunk: list = []
        for value in values:
            chunk.append(value)
            if len(chunk) == 10_000:
                self._send(chunk)
                chunk = []
        if chunk:
            self._send(chunk)

    def _send(self, chunk: list) -> None:
        for batch in self._batches:
            batch.touch(chunk)


@contextmanager
def bulk_write():
    """Wrap a bulk write: the hooks see the saves and deletes inside the block, and what ``touch`` names."""
    with ExitStack() as stack:
        yield _Batch([stack.enter_context(factory()) for factory in _HOOKS])
