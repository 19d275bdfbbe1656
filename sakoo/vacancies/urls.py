from django.urls import path
from django.views.generic import RedirectView

from sakoo.vacancies import views

app_name = "vacancies"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="search:search", query_string=True), name="index"),
    path("<int:pk>/", views.vacancy_detail, name="detail"),
    path("<int:pk>/apply/", views.vacancy_apply, name="apply"),
    path("<int:pk>/save/", views.vacancy_save_toggle, name="save"),
    path("<int:pk>/report/", views.vacancy_report_view, name="report"),
    path("new/", views.vacancy_create_view, name="create"),
    path("<int:pk>/edit/", views.vacancy_edit_view, name="edit"),
    path("<int:pk>/submit/", views.vacancy_submit_view, name="submit"),
    path("<int:pk>/close/", views.vacancy_close_view, name="close"),
    path("suggest-occupation/", views.suggest_occupation, name="suggest_occupation"),
    path("<int:pk>/applicants/", views.applicant_list, name="applicants"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/move/", views.application_move_view, name="application_move"),
    path("applications/<int:pk>/message/", views.message_send_view, name="message"),
    path("applications/<int:pk>/hire/", views.hire_view, name="hire"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw_view, name="withdraw"),
    path("applications/<int:pk>/cv.pdf", views.application_cv, name="application_cv"),
    path("moderation/", views.moderation_queue_view, name="moderation"),
    path("moderation/<int:pk>/decide/", views.moderation_decide, name="moderate"),
    path("moderation/reports/<int:pk>/resolve/", views.report_resolve_view, name="report_resolve"),
    path("hires/report/", views.external_hire_view, name="report_hire"),
    path("saved-searches/", views.saved_search_create_view, name="saved_search_create"),
    path("saved-searches/<int:pk>/delete/", views.saved_search_delete_view, name="saved_search_delete"),
]
