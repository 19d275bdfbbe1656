"""Writes of the monitoring app: targets, and refreshing the aggregates on demand."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sakoo.core.jalali import parse_jalali_month
from sakoo.monitoring import indicators as ind
from sakoo.monitoring.aggregates import month_code, refresh_monthly_aggregates
from sakoo.monitoring.models import Target


def _month(value: str, field: str) -> str:
    try:
        return month_code(parse_jalali_month(value))
    except (ValidationError, ValueError) as exc:
        raise ValidationError({field: _("Enter a Jalali month such as 1404-07.")}) from exc


@transaction.atomic
def target_create(*, indicator: str, value: float, from_month: str, to_month: str, county=None,
                  direction: str = Target.Direction.AT_LEAST, note: str = "", set_by=None) -> Target:
    meta = ind.get(indicator)
    if meta is None:
        raise ValidationError({"indicator": _("Choose an indicator.")})
    if meta.unit == "share" and not 0 <= value <= 1:
        raise ValidationError({"value": _("A share is between 0 and 1 (e.g. 0.3 for 30%).")})
    if value < 0:
        raise ValidationError({"value": _("The target cannot be negative.")})
    start, end = _month(from_month, "from_month"), _month(to_month, "to_month")
    if start > end:
        raise ValidationError({"to_month": _("The last month must not be before the first.")})
    target = Target(
        indicator=indicator, value=value, from_month=start, to_month=end, county=county, direction=direction,
        note=note, set_by=set_by,
    )
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_delete(*, target: Target) -> None:
    target.delete()


def aggregates_refresh(*, ym: tuple[int, int]) -> int:
    """Recompute one month now (the dashboard's "refresh" button; the nightly job does the rest)."""
    return refresh_monthly_aggregates(ym, ym)
