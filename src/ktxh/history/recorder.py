"""Write every change of a tracked model to the change log, whatever the path (admin, web, loaders, scripts).

Models opt in with :func:`track`. Bulk writers that bypass ``save()`` call :func:`record_many` themselves.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from ktxh.history.actor import current_actor
from ktxh.history.models import ChangeRecord

_TRACKED: set[type[models.Model]] = set()


def snapshot(instance: models.Model) -> dict:
    """The instance's concrete fields as JSON-safe values (foreign keys as ids)."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in ("id",) or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
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
        user=user, actor=actor[:150], action=action, object_type=_type_name(instance), object_id=instance.pk,
        object_repr=str(instance)[:300], before=before, after=after,
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


def track(model: type[models.Model]) -> type[models.Model]:
    """Class decorator (or call) that puts a model's saves and deletes in the change log."""
    if model not in _TRACKED:
        _TRACKED.add(model)
        uid = f"ktxh-history-{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid + "-pre")
        post_save.connect(_after_save, sender=model, dispatch_uid=uid + "-post")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=uid + "-del")
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
