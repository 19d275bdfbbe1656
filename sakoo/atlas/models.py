"""Reference figures: official estimates an admin enters with their source and date (for example the
Labour Force Survey estimate of the province's unemployed). Shown beside the maps, never mixed into them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferenceFigureQuerySet(models.QuerySet):
    def for_province(self, province_code: str):
        """The figures in use (not retired), newest first."""
        return (
            self.filter(province__code=province_code, retired_at__isnull=True)
            .select_related("province")
            .order_by("-reference_date", "pk")
        )


class ReferenceFigure(models.Model):
    class Unit(models.TextChoices):
        PERSONS = "persons", _("persons")
        PERCENT = "percent", _("percent")

    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    label = models.CharField(
        _("what it measures"), max_length=200, help_text=_("For example: unemployed persons, LFS estimate")
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PERSONS)
    source = models.CharField(_("source"), max_length=300, help_text=_("Publisher and publication"))
    reference_period = models.CharField(
        _("reference period"), max_length=100, help_text=_("For example: spring 1404")
    )
    reference_date = models.DateField(_("date of the figure"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReferenceFigureQuerySet.as_manager()

    class Meta:
        ordering = ["-reference_date", "pk"]
        verbose_name = _("reference figure")
        verbose_name_plural = _("reference figures")

    def __str__(self) -> str:
        return f"{self.label}: {self.value} ({self.source}, {self.reference_period})"
