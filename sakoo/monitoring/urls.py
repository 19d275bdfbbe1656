from django.urls import path

from sakoo.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("targets/", views.targets, name="targets"),
    path("refresh/", views.refresh, name="refresh"),
    path("export.<str:fmt>", views.export, name="export"),
    path("report.<str:fmt>", views.report, name="report"),
    path("county/<str:county_code>/<str:kind>/", views.drilldown, name="drilldown"),
]
