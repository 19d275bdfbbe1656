from django.contrib import admin

from sakoo.partnerships.models import Course, TrainingProvider, University


@admin.register(University)
class UniversityAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "county")
    search_fields = ("name", "short_name", "aliases")


@admin.register(TrainingProvider)
class TrainingProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "organisation")
    list_filter = ("kind",)


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "provider", "county", "starts_on", "ends_on", "seats", "hours", "is_published")
    list_filter = ("is_published", "provider", "county")
    search_fields = ("title",)
    raw_id_fields = ("occupation", "agreement")


# Agreements and progress reports are written through the pages (services keep the rules and the trail);
# enrolments hold job seekers' personal data and are seen by the provider's staff only.
