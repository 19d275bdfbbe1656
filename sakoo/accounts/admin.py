from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sakoo.accounts.models import Membership, Organisation, SecurityEvent, User
from sakoo.accounts.scoping import forbidden_response, security_log
from sakoo.accounts.services import organisation_clean_name
from sakoo.core.validators import normalize_mobile

admin.site.site_header = _("Sakoo administration")
admin.site.site_title = _("Sakoo administration")
admin.site.index_title = _("Back office")


def admin_login(request, extra_context=None):
    """The admin has no login form of its own: staff log in through Sakoo's staff login, which has the
    lockout and the authenticator step."""
    next_url = request.GET.get("next") or reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(
                next_url if url_has_allowed_host_and_scheme(next_url, {request.get_host()}) else "/admin/"
            )
        security_log(SecurityEvent.Event.DENIED, request, reason="admin")
        return forbidden_response(request)
    return redirect_to_login(next_url, login_url=reverse("accounts:staff_login"))


admin.site.login = admin_login


class _PhoneCleanMixin(forms.Form):
    # Accepts any common form (+98…, Persian digits); stored as 09xxxxxxxxx.
    phone = forms.CharField(label=_("mobile number"), max_length=32, required=False)

    def clean_phone(self):
        phone = self.cleaned_data.get("phone")
        return normalize_mobile(phone) if phone else None


class SakooUserCreationForm(_PhoneCleanMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "role", "phone")


class SakooUserChangeForm(_PhoneCleanMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]
    readonly_fields = ["created_at"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    form = SakooUserChangeForm
    add_form = SakooUserCreationForm
    list_display = ["username", "get_full_name", "role", "phone_masked", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "first_name", "last_name", "=phone"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Role and mobile"), {"fields": ("role", "phone")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "role", "phone", "password1", "password2")}),
    )

    @admin.display(description=_("mobile number"))
    def phone_masked(self, obj):
        return obj.masked_phone


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["kind", "name", "code", "county"]

    def clean_name(self):
        return organisation_clean_name(self.cleaned_data["name"])


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    form = OrganisationForm
    list_display = ["name", "kind", "code", "county"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    list_select_related = ["county"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "created_at"]
    list_filter = ["organisation__kind"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SecurityEvent)
class SecurityEventAdmin(_ReadOnlyAdmin):
    list_display = ["created_at", "event_label", "user", "ip", "path"]
    list_filter = ["event"]
    search_fields = ["user__username", "ip"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    fields = ["created_at", "event", "user", "ip", "user_agent", "path", "details"]

    @admin.display(description=_("event"), ordering="event")
    def event_label(self, obj):
        return obj.get_event_display()
