"""Template filters of the atlas: ``{% load atlas %}``."""

from django import template

from sakoo.atlas.formatting import format_change, format_share, format_value
from sakoo.core.text import format_number

register = template.Library()


@register.filter
def atlas_value(value, unit):
    return format_value(value, unit)


@register.filter
def atlas_change(value, unit):
    return format_change(value, unit)


@register.filter
def share(fraction):
    return format_share(fraction)


@register.filter
def atlas_num(value, decimals=None):
    return format_number(value, decimals=decimals)


@register.filter
def local_name(obj):
    """``name_en`` on English pages (when there is one), else ``name_fa``."""
    from sakoo.core.text import is_persian_language

    if not is_persian_language() and getattr(obj, "name_en", ""):
        return obj.name_en
    return getattr(obj, "name_fa", str(obj))


@register.filter
def figure_number(value):
    """A reference figure's value: no trailing decimal zeros (``125000.00`` → ``۱۲۵٬۰۰۰``, ``12.50`` → ``۱۲٫۵``)."""
    from decimal import Decimal

    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return format_number(int(value))
    text = format(value.normalize(), "f")
    return format_number(float(value), decimals=len(text.split(".")[1]))
