from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from sakoo.geo.selectors import province_at_a_glance


def _url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def home(request):
    """The province at a glance (2016 census), a map of its counties and the ways in."""
    return render(
        request,
        "geo/home.html",
        {
            "glance": province_at_a_glance(),
            "search_url": _url_or_none("search:search"),
            "atlas_url": _url_or_none("atlas:index"),
            "login_url": _url_or_none("accounts:login"),
        },
    )


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
