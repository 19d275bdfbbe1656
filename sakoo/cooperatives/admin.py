from django.contrib import admin

from sakoo.cooperatives.models import Cooperative, MembersReport, SupportItem


@admin.register(SupportItem)
class SupportItemAdmin(admin.ModelAdmin):
    list_display = (
        "name_fa",
        "code",
        "agency",
        "unit",
        "is_bank_credit",
        "deadline_working_days",
        "order",
        "is_active",
    )
    list_editable = ("order", "is_active")
    list_filter = ("unit", "is_active", "agency")
    search_fields = ("name_fa", "name_en", "code")


class MembersReportInline(admin.TabularInline):
    """The cooperative's members reports, read-only: a report is never edited; a correction is a new
    report on the cooperative's members page (``services.members_report_add``). Not registered on its
    own, so that deleting a profile still takes its history with it."""

    model = MembersReport
    fields = ("reported_on", "members_male", "members_female", "reported_by", "created_at")
    readonly_fields = fields
    ordering = ("-reported_on", "-pk")
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Cooperative)
class CooperativeAdmin(admin.ModelAdmin):
    """Corrections only: profiles are registered by the cooperative's user at /cooperatives/register/,
    through ``services.cooperative_register`` (which also writes the first members and jobs reports).
    Members are read-only here: they follow the latest members report, recorded (or corrected, by a new
    report) at /cooperatives/<pk>/members/."""

    list_display = (
        "employer",
        "sector",
        "county",
        "village",
        "registration_number",
        "members_male",
        "members_female",
    )
    list_filter = ("sector", "county")
    search_fields = ("employer__name", "registration_number", "village")
    raw_id_fields = ("employer",)
    readonly_fields = ("members_male", "members_female")
    inlines = (MembersReportInline,)

    def has_add_permission(self, request):
        return False


# Applications are reviewed on their pages, where each step is recorded with who and when.
