"""A small URLconf for the accounts tests: the real pages plus dummy views that use the scoping API."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views import View

from sakoo.accounts.models import Organisation, Role
from sakoo.accounts.scoping import (
    RoleRequiredMixin,
    deny,
    get_scoped_or_404,
    is_province_staff,
    role_required,
    user_organisation_ids,
)


@role_required(Role.AGENCY_OFFICER, Role.BANK_OFFICER)
def officers_only(request):
    return HttpResponse("officers")


def agency_scope(user):
    from django.db.models import Q

    if is_province_staff(user):
        return None
    return Q(kind="agency", pk__in=user_organisation_ids(user, "agency"))


@role_required(*Role.values)
def agency_detail(request, pk):
    agency = get_scoped_or_404(
        Organisation.objects.all(), scope=agency_scope(request.user), lookup={"pk": pk}, request=request
    )
    return HttpResponse(agency.name)


class AnalystsView(RoleRequiredMixin, View):
    allowed_roles = (Role.PROVINCE_ANALYST,)

    def get(self, request):
        return HttpResponse("analysts")


def always_denied(request):
    deny(request, "dummy")


urlpatterns = [
    path("", include("sakoo.core.urls")),
    path("accounts/", include("sakoo.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("test/officers/", officers_only, name="officers_only"),
    path("test/agency/<int:pk>/", agency_detail, name="agency_detail"),
    path("test/denied/", always_denied, name="always_denied"),
    path("test/analysts/", AnalystsView.as_view(), name="analysts"),
]
