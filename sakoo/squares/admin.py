from django import forms
from django.contrib import admin

from sakoo.squares.models import MinimumDailyWage, Square, Trade
from sakoo.squares.services import square_placement_errors


@admin.register(Trade)
class TradeAdmin(admin.ModelAdmin):
    list_display = ("name_fa", "name_en", "code", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("name_fa", "name_en", "code")


class SquareAdminForm(forms.ModelForm):
    """The admin's square form keeps the rule of the site's forms: a municipality of the square's county."""

    class Meta:
        model = Square
        fields = (
            "name",
            "county",
            "city",
            "organisation",
            "address",
            "landmark",
            "opens_at",
            "closes_at",
            "is_active",
        )

    def clean(self):
        data = super().clean()
        organisation, county = data.get("organisation"), data.get("county")
        if organisation is not None and county is not None:
            for field, messages in square_placement_errors(organisation=organisation, county=county).items():
                for message in messages:
                    self.add_error(field, message)
        return data


@admin.register(Square)
class SquareAdmin(admin.ModelAdmin):
    form = SquareAdminForm
    list_display = ("name", "county", "city", "organisation", "opens_at", "closes_at", "is_active")
    list_filter = ("is_active", "county")
    search_fields = ("name", "city", "address")
    autocomplete_fields = ()


@admin.register(MinimumDailyWage)
class MinimumDailyWageAdmin(admin.ModelAdmin):
    list_display = ("effective_from", "amount", "note")


# Labourers, check-ins, requests and assignments are deliberately not in the admin: personal data of
# day labourers is seen only by their square's coordinator, through the square's pages.
