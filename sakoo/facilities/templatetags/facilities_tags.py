"""Bar widths as CSS classes (fac-w0 … fac-w100 in steps of 5): the strict CSP forbids style=""."""

from django import template

register = template.Library()


@register.filter
def barw(fraction) -> int:
    try:
        value = float(fraction)
    except (TypeError, ValueError):
        return 0
    return max(0, min(100, round(value * 20) * 5))


@register.filter
def barw100(percent) -> int:
    try:
        return barw(float(percent) / 100)
    except (TypeError, ValueError):
        return 0


@register.filter
def count_action(result, action) -> int:
    return result.count(action)
