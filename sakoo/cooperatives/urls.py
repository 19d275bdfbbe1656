from django.urls import path

from sakoo.cooperatives import views

app_name = "cooperatives"
urlpatterns = [
    path("", views.index, name="index"),
    path("package/", views.catalogue, name="catalogue"),
    path("figures/", views.figures, name="figures"),
    path("register/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/jobs/", views.jobs_report, name="jobs_report"),
    path("<int:pk>/members/", views.members_report, name="members_report"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("applications/", views.applications, name="applications"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/decide/", views.application_decide, name="decide"),
    path("applications/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
]
