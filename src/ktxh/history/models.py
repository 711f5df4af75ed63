"""One append-only change log for every tracked model (the NetBox ``ObjectChange`` idea)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class ChangeRecord(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("Tạo mới")
        UPDATE = "update", _("Sửa")
        DELETE = "delete", _("Xóa")

    time = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    actor = models.CharField(_("người thực hiện"), max_length=150)
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("loại đối tượng"), max_length=100, db_index=True)
    object_id = models.BigIntegerField(_("mã đối tượng"), db_index=True)
    object_repr = models.CharField(_("đối tượng"), max_length=300)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)

    class Meta:
        verbose_name = _("bản ghi thay đổi")
        verbose_name_plural = _("lịch sử thay đổi")
        ordering = ["-time", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "time"])]

    def __str__(self) -> str:
        return f"{self.time:%d/%m/%Y %H:%M} {self.actor} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Lịch sử thay đổi chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Lịch sử thay đổi chỉ được ghi thêm, không được xóa.")
