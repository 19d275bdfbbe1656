"""Employers (کارفرما): a company registered with its legal-entity national ID (شناسه ملی).

Each employer is one ``accounts.Organisation`` of kind ``employer``; several users reach it through
``accounts.Membership``. A province admin verifies employers; an unverified employer's vacancies are not public.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sakoo.core.validators import validate_legal_id


class SizeBand(models.TextChoices):
    MICRO = "micro", _("1-9 employees")
    SMALL = "small", _("10-49 employees")
    MEDIUM = "medium", _("50-249 employees")
    LARGE = "large", _("250 or more employees")


class EmployerQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(verified_at__isnull=False)

    def unverified(self):
        return self.filter(verified_at__isnull=True)


class Employer(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="employer",
        verbose_name=_("organisation"),
    )
    legal_id = models.CharField(
        _("legal-entity national ID"),
        max_length=11,
        unique=True,
        validators=[validate_legal_id],
        help_text=_("The 11-digit national ID of the legal entity (شناسه ملی)."),
    )
    name = models.CharField(_("name"), max_length=200)
    activity = models.ForeignKey(
        "classifications.EconomicActivity",
        on_delete=models.PROTECT,
        related_name="employers",
        verbose_name=_("economic activity (ISIC)"),
    )
    county = models.ForeignKey(
        "geo.County", on_delete=models.PROTECT, related_name="employers", verbose_name=_("county")
    )
    size = models.CharField(_("size"), max_length=10, choices=SizeBand.choices, default=SizeBand.MICRO)
    is_knowledge_based = models.BooleanField(_("knowledge-based company"), default=False)
    is_cooperative = models.BooleanField(_("cooperative"), default=False)
    phone = models.CharField(_("office phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name"]
        indexes = [models.Index(fields=["county", "verified_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None
