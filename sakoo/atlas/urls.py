from django.urls import path, re_path

from sakoo.atlas import views

app_name = "atlas"
urlpatterns = [
    path("", views.index, name="index"),
    re_path(r"^download\.(?P<fmt>csv|xlsx|geojson)$", views.download, name="download"),
    path("atlas.pdf", views.atlas_pdf, name="pdf"),
    re_path(r"^county/(?P<code>[0-9]{4})/$", views.county, name="county"),
]
