from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from sakoo.search.benchmarks.baseline import icontains_view

urlpatterns = [path("bench/icontains", icontains_view), *project_urlpatterns]
