from django.contrib import admin

from sakoo.monitoring.models import MonthlyAggregate, Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("indicator", "county", "direction", "value", "from_month", "to_month")
    list_filter = ("indicator",)


@admin.register(MonthlyAggregate)
class MonthlyAggregateAdmin(admin.ModelAdmin):
    list_display = ("month", "county", "indicator", "breakdown", "key", "value", "computed_at")
    list_filter = ("indicator", "breakdown")
    search_fields = ("month",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
