from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import ClosureOverride, Holiday, WeekendRule, WorkCalendar
from .services import holiday_confirm


class WeekendRuleInline(admin.TabularInline):
    model = WeekendRule
    extra = 0


@admin.register(WorkCalendar)
class WorkCalendarAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    inlines = [WeekendRuleInline]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name_fa", "name_en", "kind", "tentative", "confirmed_by", "confirmed_at"]
    list_filter = ["kind", "tentative", "scopes"]
    search_fields = ["name_fa", "name_en"]
    date_hierarchy = "date"
    filter_horizontal = ["scopes"]
    readonly_fields = ["confirmed_by", "confirmed_at", "source"]
    actions = ["confirm"]

    @admin.action(description=_("Confirm the selected holidays (announced dates)"))
    def confirm(self, request, queryset):
        for holiday in queryset:
            holiday_confirm(holiday=holiday, user=request.user)
        self.message_user(request, _("Holidays confirmed."), messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and ("date" in form.changed_data or ("tentative" in form.changed_data and not obj.tentative)):
            # moving a holiday, or clearing "tentative", confirms the announced date (who and when)
            holiday_confirm(holiday=obj, user=request.user)


@admin.register(ClosureOverride)
class ClosureOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "calendar", "county", "kind", "reason", "created_by"]
    list_filter = ["calendar", "kind"]
    date_hierarchy = "date"
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
