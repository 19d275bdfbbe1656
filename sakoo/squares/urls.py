from django.urls import path

from sakoo.squares import views

app_name = "squares"
urlpatterns = [
    path("", views.index, name="index"),
    path("figures.csv", views.figures_csv, name="figures_csv"),
    path("new/", views.square_create, name="square_create"),
    path("<int:pk>/", views.square_detail, name="square_detail"),
    path("<int:pk>/edit/", views.square_edit, name="square_edit"),
    path("<int:pk>/today/", views.board, name="board"),
    path("<int:pk>/check-in/", views.check_in, name="check_in"),
    path("<int:pk>/labourers/new/", views.labourer_create, name="labourer_create"),
    path("<int:pk>/requests/new/", views.request_create_walk_in, name="request_create_walk_in"),
    path("labourers/<int:pk>/", views.labourer_edit, name="labourer_edit"),
    path("requests/", views.my_requests, name="my_requests"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/assign/", views.assign, name="assign"),
    path("requests/<int:pk>/cancel/", views.request_cancel, name="request_cancel"),
    path("assignments/<int:pk>/outcome/", views.assignment_outcome, name="assignment_outcome"),
]
