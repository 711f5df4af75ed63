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
