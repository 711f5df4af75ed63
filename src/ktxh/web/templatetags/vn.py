"""Template filters that print numbers the Vietnamese way (1.134,31)."""

from django import template

from ktxh.numbers import format_number

register = template.Library()


@register.filter
def vn(value):
    """``{{ value|vn }}`` → 1.134,31"""
    return format_number(value)
