from django.urls import path, re_path

from sakoo.atlas import views

app_name = "atlas"
urlpatterns = [
    path("", views.index, name="index"),
    re_path(r"^download\.(?P<fmt>csv|xlsx|geojson)$", views.download, name="download"),
    path("atlas.pdf", views.atlas_pdf, name="pdf"),
    path("reference-figures/", views.reference_figures, name="reference_figures"),
    path("reference-figures/<int:pk>/retire/", views.reference_figure_retire, name="reference_figure_retire"),
    re_path(r"^county/(?P<code>[0-9]{4})/$", views.county, name="county"),
]
