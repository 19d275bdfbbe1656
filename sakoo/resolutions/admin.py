"""Read-only admin views: meetings and resolutions are written through the working-group pages (services),
which compute working-day due dates and enforce the closing rule."""

from django.contrib import admin

from sakoo.resolutions.models import Evidence, FollowUp, Meeting, Resolution


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("title", "held_on", "chair")


@admin.register(Resolution)
class ResolutionAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "number", "owner", "due_date", "status")
    list_filter = ("status",)


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ("resolution", "noted_on", "author")


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("resolution", "original_name", "size", "uploaded_at")
