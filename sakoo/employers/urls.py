from django.urls import path

from sakoo.employers import views

app_name = "employers"
urlpatterns = [
    path("onboarding/", views.onboarding, name="onboarding"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("candidates/", views.candidates, name="candidates"),
    path("members/", views.members, name="members"),
    path("verification/", views.verification_queue, name="verification"),
    path("verification/<int:pk>/", views.verify, name="verify"),
]
