"""Template filters for Persian digits, Jalali dates and money. The logic lives in sakoo.core."""

from django import template

register = template.Library()
