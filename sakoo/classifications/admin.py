"""Back office for the reference classifications (read-only: they come from the shipped files)."""

from django.contrib import admin

from sakoo.classifications.models import EconomicActivity, GenAIExposure, Occupation
from sakoo.geo.admin import ReadOnlyAdmin


@admin.register(Occupation)
class OccupationAdmin(ReadOnlyAdmin):
    list_display = ["code", "level", "title_fa", "title_en", "is_it", "genai_exposure"]
    list_filter = ["level", "is_it", "genai_exposure"]
    search_fields = ["code", "title_fa", "title_en", "search_key"]


@admin.register(EconomicActivity)
class EconomicActivityAdmin(ReadOnlyAdmin):
    list_display = ["code", "level", "title_fa", "title_en"]
    list_filter = ["level"]
    search_fields = ["code", "title_fa", "title_en", "search_key"]


@admin.register(GenAIExposure)
class GenAIExposureAdmin(ReadOnlyAdmin):
    list_display = ["isco08", "title_en", "tasks", "mean_score", "sd_score", "exposure"]
    list_filter = ["exposure"]
    search_fields = ["isco08", "title_en"]
