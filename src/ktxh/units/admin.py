from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ktxh.units.models import OrgUnit, UnitLink


def superusers_only(request) -> bool:
    """The admin is for superusers only. Figures, findings and history are read through the web pages, which are
    scoped to each user's units (:mod:`ktxh.units.scoping`); the admin lists every unit's rows, so a staff user of
    one commune must not get in (a staff user of Xã Lương Phong could list and change Thị trấn Thắng's figures)."""
    return bool(request.user.is_active and request.user.is_superuser)


admin.site.has_permission = superusers_only


class SuccessorInline(admin.TabularInline):
    model = UnitLink
    fk_name = "predecessor"
    extra = 0
    verbose_name = _("successor")
    verbose_name_plural = _("successors")


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "type", "parent", "valid_from", "valid_to", "official_code")
    list_filter = ("type",)
    search_fields = ("code", "name", "official_code")
    autocomplete_fields = ("parent",)
    inlines = [SuccessorInline]


@admin.register(UnitLink)
class UnitLinkAdmin(admin.ModelAdmin):
    list_display = ("predecessor", "successor", "date", "kind", "share")
    list_filter = ("kind",)
    autocomplete_fields = ("predecessor", "successor")


# Grants (UnitAccess) are administered in ktxh.web.admin: a grant may name sectors of the catalog, which this
# layer does not know.
