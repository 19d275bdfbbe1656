"""Writes to the working-day calendar (and, for convenience, the date arithmetic callers expect here)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import ClosureOverride, Holiday, WeekendRule, WorkCalendar
from .selectors import (  # noqa: F401  (re-exported: other apps import them from services)
    add_working_days,
    count_working_days,
    skipped_days,
    working_days_left,
)

DEFAULT_CALENDARS = {
    WorkCalendar.GOVERNMENT: (gettext_noop("Government offices"), (3, 4)),
    WorkCalendar.BANK: (gettext_noop("Banks"), (4,)),
}
# The weekend rules start far enough back for every year the platform holds.
RULES_FROM = dt.date(2000, 1, 1)

# Solar (fixed-date) official holidays of Iran, as named in English by the holidays package.
SOLAR_HOLIDAY_NAMES = (
    "Nowruz",
    "Islamic Republic Day",
    "Nature's Day",
    "Death of Imam Khomeini",
    "15 Khordad Uprising",
    "Islamic Revolution Day",
    "Iranian Oil Industry Nationalization Day",
)


@transaction.atomic
def calendar_ensure_defaults() -> dict[str, WorkCalendar]:
    """Create the government and bank calendars with their default weekend rules (idempotent)."""
    out = {}
    for code, (name, weekdays) in DEFAULT_CALENDARS.items():
        calendar, _created = WorkCalendar.objects.get_or_create(code=code, defaults={"name": name})
        if not calendar.weekend_rules.exists():
            rule = WeekendRule(calendar=calendar, weekdays=list(weekdays), effective_from=RULES_FROM)
            rule.full_clean()
            rule.save()
        out[code] = calendar
    return out


def _iran_holidays(gregorian_years: list[int]):
    import holidays

    fa = holidays.country_holidays("IR", years=gregorian_years, language="fa_IR")
    en = holidays.country_holidays("IR", years=gregorian_years, language="en_US")
    try:
        estimated = holidays.country_holidays(
            "IR", years=gregorian_years, language="en_US", islamic_show_estimated=True
        )
    except TypeError:  # an older package without the flag
        estimated = en
    return fa, en, estimated


@transaction.atomic
def holidays_load(*, jalali_years: list[int]) -> tuple[int, int]:
    """Seed the official holidays of the given Jalali years from the ``holidays`` package.

    Returns (created, updated). A holiday an admin confirmed is never touched. Lunar dates the package
    only estimates are marked tentative until an admin confirms them.
    """
    import jdatetime

    calendars = list(calendar_ensure_defaults().values())
    first = jdatetime.date(min(jalali_years), 1, 1).togregorian()
    last = jdatetime.date(max(jalali_years) + 1, 1, 1).togregorian() - dt.timedelta(days=1)
    fa, en, estimated = _iran_holidays(list(range(first.year, last.year + 1)))
    created = updated = 0
    for day in sorted(fa):
        if not first <= day <= last:
            continue
        name_en = en.get(day, "")
        parts = [p.strip() for p in name_en.split(";")]
        kind = (
            Holiday.Kind.SOLAR
            if any(p.startswith(SOLAR_HOLIDAY_NAMES) for p in parts)
            else Holiday.Kind.LUNAR
        )
        is_estimated = "estimated" in estimated.get(day, "").lower()
        existing = Holiday.objects.filter(date=day).first()
        if existing and existing.confirmed_at:
            continue
        values = {
            "name_fa": fa[day].replace(";", "؛"),
            "name_en": name_en,
            "kind": kind,
            "tentative": is_estimated,
            "source": Holiday.Source.PACKAGE,
        }
        if existing:
            changed = any(getattr(existing, k) != v for k, v in values.items())
            if changed:
                for k, v in values.items():
                    setattr(existing, k, v)
                existing.full_clean()
                existing.save()
                updated += 1
            holiday = existing
        else:
            holiday = Holiday(date=day, **values)
            holiday.full_clean(exclude=["scopes"])
            holiday.save()
            created += 1
        holiday.scopes.add(*calendars)
    return created, updated


@transaction.atomic
def holiday_confirm(*, holiday: Holiday, user, date: dt.date | None = None) -> Holiday:
    """An admin confirms a (lunar) holiday, optionally moving it to the announced date."""
    if date and date != holiday.date:
        if Holiday.objects.filter(date=date).exclude(pk=holiday.pk).exists():
            raise ValidationError({"date": _("Another holiday is already on that date.")})
        holiday.date = date
    holiday.tentative = False
    holiday.confirmed_by = user
    holiday.confirmed_at = timezone.now()
    holiday.full_clean(exclude=["scopes"])
    holiday.save()
    return holiday


@transaction.atomic
def closure_override_create(*, date: dt.date, scope: str, reason: str, county=None,
                            kind: str = ClosureOverride.Kind.CLOSED, user=None) -> ClosureOverride:
    """Close (or open, as a correction) a day in a calendar, for the whole province or one county."""
    calendar = WorkCalendar.objects.filter(code=scope).first()
    if calendar is None:
        raise ValidationError({"calendar": _("Unknown calendar.")})
    if ClosureOverride.objects.filter(date=date, calendar=calendar, county=county).exists():
        raise ValidationError({"date": _("This day already has an override in this calendar.")})
    override = ClosureOverride(date=date, calendar=calendar, county=county, kind=kind, reason=reason,
                               created_by=user)
    override.full_clean()
    override.save()
    return override


@transaction.atomic
def weekend_rule_set(*, scope: str, weekdays: list[int], effective_from: dt.date) -> WeekendRule:
    """A new weekend from ``effective_from``: the rule in force ends the day before; history is kept."""
    calendar = WorkCalendar.objects.get(code=scope)
    current = (
        WeekendRule.objects.filter(calendar=calendar, effective_from__lt=effective_from)
        .order_by("-effective_from")
        .first()
    )
    if WeekendRule.objects.filter(calendar=calendar, effective_from__gte=effective_from).exists():
        raise ValidationError({"effective_from": _("A later weekend rule already exists.")})
    rule = WeekendRule(calendar=calendar, weekdays=sorted(set(weekdays)), effective_from=effective_from)
    rule.full_clean()
    if current and (current.effective_to is None or current.effective_to >= effective_from):
        current.effective_to = effective_from - dt.timedelta(days=1)
        current.full_clean()
        current.save()
    rule.save()
    return rule
