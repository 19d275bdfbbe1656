from django.urls import path

from sakoo.resolutions import views

app_name = "resolutions"
urlpatterns = [
    path("", views.index, name="index"),
    path("agencies/", views.agency_records, name="agency_records"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/minutes.pdf", views.meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("meetings/<int:meeting_pk>/resolutions/new/", views.resolution_create, name="resolution_create"),
    path("resolutions/<int:pk>/", views.resolution_detail, name="detail"),
    path("resolutions/<int:pk>/edit/", views.resolution_edit, name="edit"),
    path("resolutions/<int:pk>/follow-up/", views.resolution_followup, name="followup"),
    path("resolutions/<int:pk>/evidence/", views.resolution_evidence, name="evidence"),
    path("resolutions/<int:pk>/status/", views.resolution_status, name="status"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
