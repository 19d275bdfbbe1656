from django.urls import path

from sakoo.seekers import views

app_name = "seekers"
urlpatterns = [
    path("onboarding/", views.onboarding, name="onboarding"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("status/", views.status, name="status"),
    path("experience/", views.experience_add, name="experience_add"),
    path("experience/<int:pk>/delete/", views.experience_delete, name="experience_delete"),
    path("cv/", views.cv, name="cv"),
    path("cv/upload/", views.cv_upload, name="cv_upload"),
    path("cv/file.pdf", views.cv_file, name="cv_file"),
]
