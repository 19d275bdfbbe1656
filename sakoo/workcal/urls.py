from django.urls import path

from . import views

app_name = "workcal"
urlpatterns = [
    path("", views.calendar_month, name="calendar"),
]
