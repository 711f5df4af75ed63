"""Template filters that print numbers the Vietnamese way (1.134,31)."""

from django import template

from ktxh.numbers import format_number

register = template.Library()


@register.filter
def vn(value):
    """``{{ value|vn }}`` → 1.134,31"""
    return format_number(value)


@register.filter
def get_item(mapping, key):
    """``{{ counts|get_item:"not-met" }}``: a dictionary entry whose key is not a template identifier."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def may_audit(user) -> bool:
    """``{% if user|may_audit %}``: whether the menu shows the audit trail (superusers, administrators of units)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    from ktxh.units.scoping import Action, units_for

    return units_for(user, Action.ADMINISTER).exists()
