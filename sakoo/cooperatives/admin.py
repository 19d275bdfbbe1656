from django.contrib import admin

from sakoo.cooperatives.models import Cooperative, SupportItem


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


@admin.register(Cooperative)
class CooperativeAdmin(admin.ModelAdmin):
    """Corrections only: profiles are registered by the cooperative's user at /cooperatives/register/,
    through ``services.cooperative_register`` (which also writes the first jobs report)."""

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

    def has_add_permission(self, request):
        return False


# Applications are reviewed on their pages, where each step is recorded with who and when.
