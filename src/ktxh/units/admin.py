from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ktxh.units.models import OrgUnit, UnitAccess, UnitLink


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


@admin.register(UnitAccess)
class UnitAccessAdmin(admin.ModelAdmin):
    list_display = ("user", "org_unit")
    autocomplete_fields = ("org_unit",)
