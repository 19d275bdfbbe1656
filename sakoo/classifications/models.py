"""Reference classifications: occupations (ISCO-08, Iran's version) and economic activities (ISIC Rev.4).

Source: public repository Iran-Open-Data/BSSIR (MIT). Generative-AI exposure scores: Gmyrek, Berg et al.,
"A New Global Index of Occupational Exposure to Generative AI", ILO Working Paper 140 (2025).
See sakoo/classifications/data/README.md.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class GenAIExposureGradient(models.TextChoices):
    NOT_EXPOSED = "not_exposed", _("Not exposed")
    MINIMAL = "minimal", _("Minimal exposure")
    GRADIENT_1 = "gradient_1", _("Exposed: gradient 1")
    GRADIENT_2 = "gradient_2", _("Exposed: gradient 2")
    GRADIENT_3 = "gradient_3", _("Exposed: gradient 3")
    GRADIENT_4 = "gradient_4", _("Exposed: gradient 4")


class Occupation(models.Model):
    """An ISCO-08 group: level 1 major, 2 sub-major, 3 minor, 4 unit group."""

    code = models.CharField(_("ISCO-08 code"), max_length=4, unique=True)
    level = models.PositiveSmallIntegerField(_("level"), db_index=True)
    title_fa = models.CharField(_("Persian title"), max_length=255, blank=True)
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    search_key = models.CharField(max_length=600, blank=True, db_index=True, editable=False)
    is_it = models.BooleanField(
        _("ICT occupation"), default=False, help_text=_("ISCO unit groups 25xx and 35xx")
    )
    genai_tasks = models.PositiveSmallIntegerField(_("GenAI: scored tasks"), null=True, blank=True)
    genai_mean_score = models.FloatField(_("GenAI: mean task exposure score"), null=True, blank=True)
    genai_sd_score = models.FloatField(_("GenAI: SD of task exposure scores"), null=True, blank=True)
    genai_exposure = models.CharField(
        _("GenAI: exposure gradient"), max_length=12, choices=GenAIExposureGradient.choices, blank=True
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation (ISCO-08)")
        verbose_name_plural = _("occupations (ISCO-08)")

    def __str__(self) -> str:
        return f"{self.code} {self.title_fa or self.title_en}"

    @property
    def title(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "fa").startswith("en") and self.title_en:
            return self.title_en
        return self.title_fa or self.title_en


class GenAIExposure(models.Model):
    """The ILO exposure score of every scored ISCO-08 unit group (some are not in Iran's version)."""

    isco08 = models.CharField(max_length=4, unique=True)
    title_en = models.CharField(max_length=255)
    tasks = models.PositiveSmallIntegerField()
    mean_score = models.FloatField()
    sd_score = models.FloatField()
    exposure = models.CharField(max_length=12, choices=GenAIExposureGradient.choices)

    class Meta:
        ordering = ["isco08"]
        verbose_name = _("generative-AI exposure (ILO)")
        verbose_name_plural = _("generative-AI exposure (ILO)")

    def __str__(self) -> str:
        return f"{self.isco08} {self.exposure}"


class EconomicActivity(models.Model):
    """An ISIC Rev.4 item: 1 section (letter), 2 division, 3 group, 4 class, 5 Iranian national code."""

    code = models.CharField(_("ISIC Rev.4 code"), max_length=5, unique=True)
    level = models.PositiveSmallIntegerField(_("level"), db_index=True)
    title_fa = models.CharField(_("Persian title"), max_length=255, blank=True)
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    search_key = models.CharField(max_length=600, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["level", "code"]
        verbose_name = _("economic activity (ISIC Rev.4)")
        verbose_name_plural = _("economic activities (ISIC Rev.4)")

    def __str__(self) -> str:
        return f"{self.code} {self.title_fa or self.title_en}"

    @property
    def title(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "fa").startswith("en") and self.title_en:
            return self.title_en
        return self.title_fa or self.title_en
