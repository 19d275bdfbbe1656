"""Back office for geography: provinces and counties are editable names; census tables are read-only."""

from django.contrib import admin

from sakoo.geo.models import (
    CensusActivity,
    CensusPopulation,
    County,
    CountyVersion,
    Province,
    ReferenceDataset,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reference figures come from the shipped files (load_reference); nobody edits them by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_fa", "name_en", "iso3166_2"]
    search_fields = ["code", "name_fa", "name_en"]
    exclude = ["boundary"]


@admin.register(County)
class CountyAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_fa", "name_en", "province", "census2016_code", "census2016_parent_code"]
    list_filter = ["province"]
    search_fields = ["code", "name_fa", "name_en", "search_key"]
    exclude = ["boundary"]
    list_select_related = ["province"]


@admin.register(CountyVersion)
class CountyVersionAdmin(ReadOnlyAdmin):
    list_display = ["code", "year", "name", "province_code"]
    list_filter = ["province_code", "year"]
    search_fields = ["code", "name"]


@admin.register(CensusActivity)
class CensusActivityAdmin(ReadOnlyAdmin):
    list_display = ["census_code", "county_name", "sex", "status", "education", "count"]
    list_filter = ["province_code", "sex", "status", "education"]
    search_fields = ["census_code", "county_name"]


@admin.register(CensusPopulation)
class CensusPopulationAdmin(ReadOnlyAdmin):
    list_display = ["census_code", "county_name", "age_group", "sex", "count"]
    list_filter = ["province_code", "sex", "age_group"]
    search_fields = ["census_code", "county_name"]


@admin.register(ReferenceDataset)
class ReferenceDatasetAdmin(ReadOnlyAdmin):
    list_display = ["name", "rows", "loaded_at", "sha256"]
