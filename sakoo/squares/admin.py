from django.contrib import admin

from sakoo.squares.models import MinimumDailyWage, Square, Trade


@admin.register(Trade)
class TradeAdmin(admin.ModelAdmin):
    list_display = ("name_fa", "name_en", "code", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("name_fa", "name_en", "code")


@admin.register(Square)
class SquareAdmin(admin.ModelAdmin):
    list_display = ("name", "county", "city", "organisation", "opens_at", "closes_at", "is_active")
    list_filter = ("is_active", "county")
    search_fields = ("name", "city", "address")
    autocomplete_fields = ()


@admin.register(MinimumDailyWage)
class MinimumDailyWageAdmin(admin.ModelAdmin):
    list_display = ("effective_from", "amount", "note")


# Labourers, check-ins, requests and assignments are deliberately not in the admin: personal data of
# day labourers is seen only by their square's coordinator, through the square's pages.
