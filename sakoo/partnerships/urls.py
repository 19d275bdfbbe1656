from django.urls import path

from sakoo.partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("", views.agreements, name="agreements"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/report/", views.agreement_report, name="agreement_report"),
    path("agreements/<int:pk>/status/", views.agreement_status, name="agreement_status"),
    path("training/", views.courses, name="courses"),
    path("training/results/", views.results, name="results"),
    path("training/mine/", views.my_enrolments, name="my_enrolments"),
    path("training/outcomes/", views.outcomes, name="outcomes"),
    path("training/new/", views.course_create, name="course_create"),
    path("training/<int:pk>/", views.course_detail, name="course_detail"),
    path("training/<int:pk>/enrol/", views.course_enrol, name="course_enrol"),
    path("training/<int:pk>/figures/", views.course_figures, name="course_figures"),
    path("training/<int:pk>/roster/", views.course_roster, name="course_roster"),
    path("enrolments/<int:pk>/mark/", views.enrolment_mark, name="enrolment_mark"),
]
