from django.contrib import admin

from sakoo.employers.models import Employer


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "legal_id",
        "county",
        "size",
        "is_knowledge_based",
        "is_cooperative",
        "verified_at",
    )
    list_filter = ("verified_at", "is_knowledge_based", "is_cooperative", "size", "county")
    search_fields = ("name", "legal_id")
    raw_id_fields = ("organisation", "activity", "verified_by")
    readonly_fields = ("created_at", "updated_at")
