from django.contrib import admin

from sakoo.seekers.models import JobSeeker, StatusChange, WorkExperience


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    raw_id_fields = ("placement", "created_by")
    readonly_fields = ("created_at",)


class WorkExperienceInline(admin.TabularInline):
    model = WorkExperience
    extra = 0
    raw_id_fields = ("occupation",)


@admin.register(JobSeeker)
class JobSeekerAdmin(admin.ModelAdmin):
    list_display = ("__str__", "county", "sex", "education_level", "employment_status", "registered_on")
    list_filter = ("employment_status", "sex", "education_level", "county")
    search_fields = ("last_name", "first_name", "national_id")
    raw_id_fields = ("user", "county", "desired_occupations", "preferred_counties")
    readonly_fields = ("is_graduate", "employment_status", "created_at", "updated_at")
    ordering = ("-registered_on", "pk")
    inlines = [StatusChangeInline, WorkExperienceInline]
