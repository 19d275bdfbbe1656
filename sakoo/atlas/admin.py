from django.contrib import admin

from sakoo.atlas.models import ReferenceFigure


@admin.register(ReferenceFigure)
class ReferenceFigureAdmin(admin.ModelAdmin):
    list_display = ("label", "province", "value", "unit", "source", "reference_period", "reference_date")
    list_filter = ("province", "unit")
    search_fields = ("label", "source")
    readonly_fields = ("created_by", "created_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
