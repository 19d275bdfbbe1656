from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sakoo.vacancies.models import Application, Notification, Placement, SavedSearch, Vacancy, VacancyReport


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ("title", "employer", "county", "status", "published_at", "openings", "filled_count")
    list_filter = ("status", "needs_moderation", "contract_type", "is_it", "county")
    search_fields = ("title", "employer__name")
    raw_id_fields = ("employer", "occupation", "county", "duplicate_of", "created_by")
    readonly_fields = (
        "title_key",
        "is_it",
        "is_knowledge_based",
        "is_graduate_targeted",
        "created_at",
        "updated_at",
    )


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("vacancy", "seeker", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("vacancy", "seeker")


@admin.register(Placement)
class PlacementAdmin(SimpleHistoryAdmin):
    list_display = ("seeker", "employer", "employer_name", "hired_on", "source", "county")
    list_filter = ("source", "contract_type", "insured", "county")
    raw_id_fields = ("seeker", "employer", "vacancy", "application", "occupation", "county", "reported_by")


@admin.register(VacancyReport)
class VacancyReportAdmin(admin.ModelAdmin):
    list_display = ("vacancy", "reason", "created_at", "resolved_at")
    raw_id_fields = ("vacancy", "reporter", "resolved_by")


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("user", "querystring", "frequency", "last_sent_at")
    raw_id_fields = ("user",)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "channel", "created_at", "sent_at", "error")
    list_filter = ("kind", "channel")
    raw_id_fields = ("user",)
