"""The admin of grants (who works for which unit, with which role, limited to which sectors), here because a
grant names units and sectors of the catalog, and only a layer above both may check them: the units layer stores
the sector codes, this form checks that each is in the catalog. Grants are edited on their own list and inline on
each user."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ktxh.catalog.models import Sector
from ktxh.units.models import UnitAccess


class SectorCodesField(forms.CharField):
    """Sector codes separated by commas (empty: every sector), each checked against the catalog."""

    def to_python(self, value):
        text = super().to_python(value) or ""
        return list(dict.fromkeys(code.strip() for code in text.replace(";", ",").split(",") if code.strip()))

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def validate(self, value):
        known = set(Sector.objects.filter(code__in=value).values_list("code", flat=True))
        unknown = [code for code in value if code not in known]
        if unknown:
            raise forms.ValidationError(
                _("There is no sector with code «%(code)s».") % {"code": ", ".join(unknown)}, code="unknown_sector"
            )


class UnitAccessForm(forms.ModelForm):
    sectors = SectorCodesField(
        label=gettext_lazy("limited to sectors"),
        required=False,
        help_text=gettext_lazy(
            "Sector codes separated by commas (a sector covers its sub-sectors); empty: every sector."
        ),
    )

    class Meta:
        model = UnitAccess
        fields = ("user", "org_unit", "role", "sectors")


@admin.register(UnitAccess)
class UnitAccessAdmin(admin.ModelAdmin):
    form = UnitAccessForm
    list_display = ("user", "org_unit", "role", "sectors")
    list_filter = ("role",)
    autocomplete_fields = ("org_unit",)


class UnitAccessInline(admin.TabularInline):
    model = UnitAccess
    form = UnitAccessForm
    extra = 0
    autocomplete_fields = ("org_unit",)


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserWithUnitsAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, UnitAccessInline]
