"""Write every change of a tracked model to the change log, whatever the path (admin, web, loaders, scripts).

Models opt in with :func:`track`. Bulk writers that bypass ``save()`` call :func:`record_many` themselves.

A many-to-many field of a tracked model (an indicator's disaggregations, a rule's indicators) is not a column, so
its changes are recorded apart: an ``update`` whose before and after hold only that field, as the sorted ids of
the related rows (foreign keys are ids too). ``add``, ``remove``, ``clear`` and ``set`` through either side of the
relation are heard through ``m2m_changed``; bulk writers of the link table call :func:`record_links`.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from ktxh.history.actor import current_actor
from ktxh.history.models import ChangeRecord

_TRACKED: set[type[models.Model]] = set()
#: Fields left out of a tracked model's snapshots (a user's password hash; the time of the last sign-in, which the
#: sign-ins themselves record).
_LEFT_OUT: dict[type[models.Model], frozenset[str]] = {}


def snapshot(instance: models.Model) -> dict:
    """The instance's concrete fields as JSON-safe values (foreign keys as ids)."""
    data = {}
    left_out = _LEFT_OUT.get(type(instance), frozenset())
    for field in instance._meta.concrete_fields:
        if field.name in ("id",) or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if field.name in left_out:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, decimal.Decimal):
            value = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
        elif isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        data[field.attname] = value
    return data


def _type_name(instance: models.Model) -> str:
    return f"{instance._meta.app_label}.{instance._meta.model_name}"


def _make(action: str, instance: models.Model, before: dict | None, after: dict | None) -> ChangeRecord:
    user, actor = current_actor()
    return ChangeRecord(
        user=user,
        actor=actor[:150],
        action=action,
        object_type=_type_name(instance),
        object_id=instance.pk,
        object_repr=str(instance)[:300],
        before=before,
        after=after,
    )


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._history_before = None
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._history_before = snapshot(old) if old is not None else None


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = None if created else getattr(instance, "_history_before", None)
    after = snapshot(instance)
    if before == after:
        return  # saved without a change: nothing to record
    _make(ChangeRecord.Action.CREATE if created else ChangeRecord.Action.UPDATE, instance, before, after).save()


def _after_delete(sender, instance, **kwargs):
    _make(ChangeRecord.Action.DELETE, instance, snapshot(instance), None).save()


def _links(instance: models.Model, name: str) -> list:
    return sorted(getattr(instance, name).values_list("pk", flat=True))


def _owners(field: models.ManyToManyField, instance: models.Model, reverse: bool, pk_set) -> list[models.Model]:
    """The tracked objects whose field changes: the instance itself, or (a change made from the other side) the
    objects named by ``pk_set``, all of those linked to the instance for a ``clear``."""
    if not reverse:
        return [instance]
    owners = field.model._default_manager.all()
    return list(owners.filter(pk__in=pk_set) if pk_set is not None else owners.filter(**{field.name: instance}))


def _links_changed(field: models.ManyToManyField):
    def handler(sender, instance, action, reverse, pk_set, **kwargs):
        if action.startswith("pre_"):
            instance._history_links = [
                (owner, _links(owner, field.name)) for owner in _owners(field, instance, reverse, pk_set)
            ]
        elif action.startswith("post_"):
            pending = getattr(instance, "_history_links", [])
            instance._history_links = []
            record_links(field.name, [(owner, before, _links(owner, field.name)) for owner, before in pending])

    return handler


def record_links(name: str, changes: Iterable[tuple[models.Model, list, list]]) -> int:
    """Log changes of the many-to-many field ``name``: (instance, ids before, ids after); unchanged ones are
    skipped."""
    rows = [
        _make(ChangeRecord.Action.UPDATE, instance, {name: sorted(before)}, {name: sorted(after)})
        for instance, before, after in changes
        if sorted(before) != sorted(after)
    ]
    ChangeRecord.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def track(model: type[models.Model], leave_out: Iterable[str] = ()) -> type[models.Model]:
    """Class decorator (or call) that puts a model's saves and deletes, and the changes of its many-to-many fields,
    in the change log. ``leave_out`` names fields never written to the log (secrets, noise)."""
    if leave_out:
        _LEFT_OUT[model] = frozenset(leave_out)
    if model not in _TRACKED:
        _TRACKED.add(model)
        uid = f"ktxh-history-{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid + "-pre")
        post_save.connect(_after_save, sender=model, dispatch_uid=uid + "-post")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=uid + "-del")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _links_changed(field), sender=field.remote_field.through, weak=False, dispatch_uid=f"{uid}-{field.name}"
            )
    return model


def record_many(action: str, changes: Iterable[tuple[models.Model, dict | None]]) -> int:
    """Log changes made in bulk. ``changes`` yields (instance as it is now, snapshot before or None)."""
    rows = []
    for instance, before in changes:
        after = None if action == ChangeRecord.Action.DELETE else snapshot(instance)
        rows.append(_make(action, instance, before, after))
    ChangeRecord.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def history_of(instance: models.Model):
    return ChangeRecord.objects.filter(object_type=_type_name(instance), object_id=instance.pk)
