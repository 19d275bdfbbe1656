"""Working-day calendars: weekend rules with effective dates, official holidays and closure overrides.

A calendar (``WorkCalendar``) is a *scope*: ``government`` (offices), ``bank`` (bank branches), and more
as needed. A day is a working day in a scope unless it is a weekend day under the weekend rule in force,
an official holiday of that scope, or closed by an override; an override may also *open* a day (an
admin's correction, e.g. a lunar holiday announced a day later than estimated).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

WEEKDAY_NAMES = {
    0: _("Monday"),
    1: _("Tuesday"),
    2: _("Wednesday"),
    3: _("Thursday"),
    4: _("Friday"),
    5: _("Saturday"),
    6: _("Sunday"),
}


class WorkCalendar(models.Model):
    GOVERNMENT = "government"
    BANK = "bank"

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("work calendar")
        verbose_name_plural = _("work calendars")

    def __str__(self) -> str:
        return self.name


class WeekendRule(models.Model):
    """The weekend days of a calendar from ``effective_from`` to ``effective_to`` (inclusive; open if null).

    ``weekdays`` holds Python weekday numbers (Monday=0 … Thursday=3, Friday=4).
    """

    calendar = models.ForeignKey(WorkCalendar, on_delete=models.CASCADE, related_name="weekend_rules",
                                 verbose_name=_("calendar"))
    weekdays = models.JSONField(_("weekend days"), default=list,
                                help_text=_("Python weekday numbers: Monday=0 … Thursday=3, Friday=4."))
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)

    class Meta:
        ordering = ["calendar", "effective_from"]
        verbose_name = _("weekend rule")
        verbose_name_plural = _("weekend rules")

    def __str__(self) -> str:
        days = ", ".join(str(WEEKDAY_NAMES[d]) for d in sorted(self.weekdays))
        return f"{self.calendar}: {days}"

    def clean(self) -> None:
        if not isinstance(self.weekdays, list) or not all(
            isinstance(d, int) and 0 <= d <= 6 for d in self.weekdays
        ):
            raise ValidationError({"weekdays": _("Weekend days must be a list of numbers from 0 to 6.")})
        if len(set(self.weekdays)) >= 7:
            raise ValidationError({"weekdays": _("At least one day of the week must be a working day.")})
        if self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("The end date is before the start date.")})

    def applies_on(self, day) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


class Holiday(models.Model):
    class Kind(models.TextChoices):
        SOLAR = "solar", _("Solar (fixed)")
        LUNAR = "lunar", _("Lunar (Hijri)")

    class Source(models.TextChoices):
        PACKAGE = "package", _("holidays package")
        ADMIN = "admin", _("entered by an admin")

    date = models.DateField(_("date"), unique=True)
    name_fa = models.CharField(_("name in Persian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    tentative = models.BooleanField(
        _("tentative"), default=False,
        help_text=_("Estimated lunar date, to be confirmed when it is officially announced."),
    )
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("confirmed by"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    scopes = models.ManyToManyField(WorkCalendar, related_name="holidays", verbose_name=_("calendars"))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.ADMIN)

    class Meta:
        ordering = ["date"]
        verbose_name = _("official holiday")
        verbose_name_plural = _("official holidays")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name_fa}"


class ClosureOverride(models.Model):
    """A day closed (heat, pollution, a newly announced holiday) or opened (a correction) in a calendar.

    ``county`` null means the whole province; otherwise only that county's offices.
    """

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Closed")
        OPEN = "open", _("Open (correction)")

    date = models.DateField(_("date"))
    calendar = models.ForeignKey(WorkCalendar, on_delete=models.CASCADE, related_name="overrides",
                                 verbose_name=_("calendar"))
    county = models.ForeignKey("geo.County", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+", verbose_name=_("county"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.CLOSED)
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("closure or correction")
        verbose_name_plural = _("closures and corrections")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}: {self.reason}"
