from django.urls import path

from . import views

app_name = "facilities"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("files/", views.file_list, name="files"),
    path("files/new/", views.file_new, name="file_new"),
    path("files/<int:pk>/", views.file_detail, name="file_detail"),
    path("files/<int:pk>/steps/", views.file_step, name="file_step"),
    path("import/", views.import_upload, name="import"),
    path("import/template/<slug:kind>.xlsx", views.import_template, name="import_template"),
    path("banks/", views.bank_scorecard, name="scorecard"),
    path("allocations/", views.allocations, name="allocations"),
    path("allocations/new/", views.allocation_new, name="allocation_new"),
    path("reallocation/", views.reallocation, name="reallocation"),
    path("reallocation/<int:pk>/", views.proposal_detail, name="proposal"),
]
