"""One append-only change log for every tracked model (the NetBox ``ObjectChange`` idea).

Append-only on every path: ``save()`` of a stored record and ``delete()`` raise, and so do ``QuerySet.update()``
and ``QuerySet.delete()`` (and ``bulk_update``, which updates); below Django, triggers refuse UPDATE and DELETE
(and TRUNCATE on PostgreSQL) in the database itself (:mod:`ktxh.history.guard`, migration 0004). The author is
kept twice: ``actor`` (the user name as text, never blanked) and ``user_id`` without a database constraint, so
deleting a user leaves their records whole and touches no row of the log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    """The records' queries: reading and adding only."""

    def update(self, **kwargs):
        raise AppendOnlyError(gettext("The change history can only be added to, not edited."))

    def delete(self):
        raise AppendOnlyError(gettext("The change history can only be added to, not deleted from."))

    delete.alters_data = True
    delete.queryset_only = True
    update.alters_data = True

    def _raw_delete(self, using):
        raise AppendOnlyError(gettext("The change history can only be added to, not deleted from."))


class ChangeRecord(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("Create")
        UPDATE = "update", _("Update")
        DELETE = "delete", _("Delete")
        LOGIN = "login", _("Sign-in")
        LOGOUT = "logout", _("Sign-out")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # No database constraint and nothing done on delete: deleting a user must not update a row of the log.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # The type and the id are found through the index of (type, id, time) below: an index of each alone would be
    # written on every record (a load of a million figures writes a million) and read by no query.
    object_type = models.CharField(_("object type"), max_length=100)
    # Empty only for a failed sign-in with a user name that does not exist.
    object_id = models.BigIntegerField(_("object id"), null=True, blank=True)
    object_repr = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("change record")
        verbose_name_plural = _("change history")
        ordering = ["-time", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "time"])]

    def __str__(self) -> str:
        return f"{self.time:%d/%m/%Y %H:%M} {self.actor} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(gettext("The change history can only be added to, not edited."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(gettext("The change history can only be added to, not deleted from."))
