from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    # first: the public API takes the most requests (search), so it is resolved before the pages
    path("api/v1/", api.urls),
    path("", include("sakoo.core.urls")),
    path("accounts/", include("sakoo.accounts.urls")),
    path("seekers/", include("sakoo.seekers.urls")),
    path("employers/", include("sakoo.employers.urls")),
    path("jobs/", include("sakoo.vacancies.urls")),
    path("search/", include("sakoo.search.urls")),
    path("atlas/", include("sakoo.atlas.urls")),
    path("calendar/", include("sakoo.workcal.urls")),
    path("facilities/", include("sakoo.facilities.urls")),
    path("monitoring/", include("sakoo.monitoring.urls")),
    path("working-group/", include("sakoo.resolutions.urls")),
    path("squares/", include("sakoo.squares.urls")),
    path("partnerships/", include("sakoo.partnerships.urls")),
    path("cooperatives/", include("sakoo.cooperatives.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
