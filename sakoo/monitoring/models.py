"""Province monitoring: precomputed monthly aggregates of the registry and the targets the province sets.

Every figure here counts *registered job seekers* and *placements reported to Sakoo*, never "the
unemployed". Official estimates (Labour Force Survey, census) are ``sakoo.atlas.ReferenceFigure`` rows,
shown beside these and never mixed into them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthlyAggregate(models.Model):
    """One number: an indicator for a Jalali month (``1404-07``) and a county (null = whole province),
    optionally broken down (``breakdown`` = "sex", ``key`` = "female"; both empty for the total)."""

    month = models.CharField(_("Jalali month"), max_length=7)
    county = models.ForeignKey(
        "geo.County", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("county")
    )
    indicator = models.CharField(_("indicator"), max_length=48)
    breakdown = models.CharField(_("breakdown"), max_length=24, blank=True)
    key = models.CharField(_("key"), max_length=150, blank=True)
    value = models.FloatField(_("value"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("monthly aggregate")
        verbose_name_plural = _("monthly aggregates")
        indexes = [
            models.Index(fields=["county", "month", "breakdown"], name="monitoring_agg_county_month"),
            models.Index(fields=["indicator", "breakdown", "month"], name="monitoring_agg_indicator"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "county", "indicator", "breakdown", "key"],
                name="monitoring_aggregate_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.county_id or 'province'} {self.indicator} {self.breakdown}={self.key}: {self.value}"


class Target(models.Model):
    """A target the province sets for an indicator, for the province or one county, over Jalali months."""

    class Direction(models.TextChoices):
        AT_LEAST = "at_least", _("at least")
        AT_MOST = "at_most", _("at most")

    indicator = models.CharField(_("indicator"), max_length=48)
    county = models.ForeignKey(
        "geo.County", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("county"),
        help_text=_("Empty for the whole province."),
    )
    value = models.FloatField(_("target value"), help_text=_("A count per month, or a share between 0 and 1."))
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.AT_LEAST)
    from_month = models.CharField(_("from (Jalali month)"), max_length=7)
    to_month = models.CharField(_("to (Jalali month)"), max_length=7)
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "county_id", "from_month"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator} {self.direction} {self.value} ({self.from_month}–{self.to_month})"
