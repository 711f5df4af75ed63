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


def snapshot_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a snapshot holds: the concrete ones but the id, the timestamps the database keeps and the fields
    the model's tracking leaves out."""
    left_out = _LEFT_OUT.get(model, frozenset())
    return [
        field
        for field in model._meta.concrete_fields
        if field.name != "id"
        and field.name not in left_out
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    ]


def json_value(value):
    """One field's value as a snapshot keeps it: decimals as text (whole ones without decimals), dates ISO."""
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def snapshot(instance: models.Model) -> dict:
    """The instance's concrete fields as JSON-safe values (foreign keys as ids)."""
    return {field.attname: json_value(getattr(instance, field.attname)) for field in snapshot_fields(type(instance))}


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


def known_before(instance: models.Model) -> None:
    """Tell the next save of ``instance`` its stored state: the caller has just read it in the transaction that
    saves it and holds it against other writers (a claimed version), so reading it again for the change log's
    "before" would only repeat that read. Call before changing the instance's fields."""
    instance._history_known_before = snapshot(instance)


def _before_save(sender, instance, raw=False, **kwargs):
    known = instance.__dict__.pop("_history_known_before", None)
    if raw or instance.pk is None:
        instance._history_before = None
        return
    if known is not None:
        instance._history_before = known
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


def record_select(action: str, model: type[models.Model], select_sql: str, params: Iterable = ()) -> int:
    """Log changes made by set-based SQL (a load of a million figures), in one ``INSERT … SELECT``: no row passes
    through Python. ``select_sql`` yields the columns ``object_id``, ``object_repr``, ``before`` and ``after``,
    the snapshots built with :func:`snapshot_sql` (or NULL). Returns the number of records written."""
    from django.db import connection
    from django.utils import timezone

    user, actor = current_actor()
    meta = ChangeRecord._meta
    quote = connection.ops.quote_name
    columns = ["time", "user", "actor", "action", "object_type", "object_id", "object_repr", "before", "after"]
    json = "CAST({} AS jsonb)" if connection.vendor == "postgresql" else "{}"  # an untyped NULL is text there
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(meta.get_field(c).column) for c in columns)}) "
        f"SELECT %s, CAST(%s AS {meta.get_field('user').target_field.db_type(connection)}), %s, %s, %s, q.object_id, SUBSTR(q.object_repr, 1, 300), "
        f"{json.format('q.before')}, {json.format('q.after')} "
        f"FROM ({select_sql}) q"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                connection.ops.adapt_datetimefield_value(timezone.now()),
                user.pk if user is not None else None,
                actor[:150],
                action,
                f"{model._meta.app_label}.{model._meta.model_name}",
                *params,
            ],
        )
        return cursor.rowcount


def snapshot_sql(model: type[models.Model], columns: dict[str, str]) -> str:
    """A SQL expression giving the JSON :func:`snapshot` gives, from SQL expressions ``columns`` {attname: SQL}.

    A column whose expression is given for a stored row (``dv.value``) is rendered as :func:`json_value` renders
    what Django reads from it (decimals as the database gives them back); callers that hold the snapshot's text
    already pass it in a ``text:`` prefixed expression (``{"value": "text:s.value_json"}``). Every field of
    :func:`snapshot_fields` must be named: a snapshot taken in SQL has the same keys as one taken in Python."""
    from django.db import connection

    parts = []
    for field in snapshot_fields(model):
        expression = columns[field.attname]
        if expression.startswith("text:"):
            expression = expression.removeprefix("text:")
        elif isinstance(field, models.DecimalField):
            expression = _stored_decimal_sql(connection, field, expression)
        elif isinstance(field, models.DateField) and connection.vendor == "postgresql":
            expression = f"TO_CHAR({expression}, 'YYYY-MM-DD')"
        parts.append(f"'{field.attname}', {expression}")
    function = "JSONB_BUILD_OBJECT" if connection.vendor == "postgresql" else "JSON_OBJECT"
    return f"{function}({', '.join(parts)})"


def _stored_decimal_sql(connection, field: models.DecimalField, expression: str) -> str:
    """SQL rendering a stored decimal as :func:`json_value` renders the Decimal Django reads from it. PostgreSQL
    keeps exact decimals (``1134.310000``; whole ones without decimals); SQLite keeps doubles, which Django rounds to
    15 digits and to the field's places, so the same conversion is registered as an SQL function on the connection."""
    if connection.vendor == "postgresql":
        return (
            f"CASE WHEN {expression} = TRUNC({expression}) THEN TRUNC({expression})::text ELSE {expression}::text END"
        )
    name = f"ktxh_json_decimal_{field.decimal_places}"
    column = field.get_col(field.model._meta.db_table)
    (converter,) = connection.ops.get_db_converters(column)[:1] or [None]

    def render(value):
        if value is None:
            return None
        return json_value(converter(value, column, connection) if converter else decimal.Decimal(value))

    connection.ensure_connection()
    connection.connection.create_function(name, 1, render, deterministic=True)
    # NULL without a call into Python: a load compares a million figures, most without an upper bound
    return f"CASE WHEN {expression} IS NULL THEN NULL ELSE {name}({expression}) END"


def history_of(instance: models.Model):
    return ChangeRecord.objects.filter(object_type=_type_name(instance), object_id=instance.pk)
