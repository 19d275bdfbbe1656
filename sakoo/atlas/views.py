"""Pages of the unemployment atlas (public). Thin: the numbers come from selectors and layers."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakoo.accounts.scoping import has_role, role_required
from sakoo.atlas import exports, layers, presentation, selectors, services
from sakoo.atlas.forms import AtlasQueryForm, ReferenceFigureForm, month_text

PDF_CACHE_SECONDS = 60 * 60


def _query_string(query: dict) -> str:
    params = {
        "layer": query["layer"],
        "province": query["province"],
        "indicator": query["indicator"],
        "classification": query["classification"],
        "top": query["top"],
    }
    if query["layer"] == layers.CENSUS:
        params.update(sex=query["sex"], education=query["education"])
        if query["smooth"]:
            params["smooth"] = "on"
    else:
        params["month"] = month_text(query["month"])
        if query.get("change"):
            params["change"] = "on"
    return urlencode(params)


def _map_for_request(request):
    form = AtlasQueryForm.from_query(request.GET)
    query = form.query()
    exact = selectors.sees_exact_figures(request.user)
    data = selectors.atlas_map(query, exact=exact)
    return form, query, data


@require_GET
def index(request):
    form, query, data = _map_for_request(request)
    svg = presentation.svg_map(data)
    qs = _query_string(query)
    context = {
        "form": form,
        "query": query,
        "data": data,
        "svg": svg,
        "bars": presentation.bars(data),
        "legend": data.legend(),
        "concentration": data.concentration,
        "concentration_names": presentation.concentration_names(data),
        "concentration_sentence": presentation.concentration_sentence(
            data, presentation.concentration_names(data)
        ),
        "lorenz": presentation.lorenz_polyline(data.concentration.lorenz) if data.concentration else "",
        "reference_figures": selectors.reference_figures(query["province"]),
        "can_edit_reference": has_role(request.user, "province_admin")
        and query["province"] == settings.SAKOO_PROVINCE,
        "query_string": qs,
        "geojson_url": reverse("atlas:download", args=["geojson"]) + "?" + qs,
        "is_installation_province": query["province"] == settings.SAKOO_PROVINCE,
        "indicator_layers": {k: i.layer for k, i in layers.INDICATORS.items()},
        "who": _("registered job seekers") if data.layer == layers.REGISTRY else _("unemployed"),
        "share_label": (
            _("Share of registered job seekers looking for work")
            if data.layer == layers.REGISTRY
            else _("Share of the unemployed")
        ),
        # Only counties with a published value: a suppressed one has no place in a ranking.
        "top_counties": [r for r in data.ranked() if r.value is not None and not r.suppressed][:3],
        "bottom_counties": [r for r in data.ranked() if r.value is not None and not r.suppressed][-3:][::-1],
    }
    return render(request, "atlas/index.html", context)


@require_GET
def download(request, fmt: str):
    _form, _query, data = _map_for_request(request)
    stem = f"sakoo-atlas-{data.layer}-{data.indicator.key}-{data.province.code}"
    if data.month:
        stem += f"-{month_text(data.month)}"
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(data), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = JsonResponse(exports.to_geojson(data), json_dumps_params={"ensure_ascii": False})
        response["Content-Type"] = "application/geo+json; charset=utf-8"
        fmt = "geojson"
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


@require_GET
def county(request, code: str):
    county = selectors.county_or_404(code)
    exact = selectors.sees_exact_figures(request.user)
    sheet = selectors.fact_sheet(county, exact=exact)
    context = {
        "sheet": sheet,
        "locator": presentation.locator_map(county.province.code, [county.code]),
        "exact": exact,
    }
    return render(request, "atlas/county.html", context)


@require_GET
def atlas_pdf(request):
    """The printable atlas of a province as one PDF (generated on request; about 10 s for 21 counties)."""
    from sakoo.atlas.pdf import render_atlas_pdf

    form = AtlasQueryForm.from_query(request.GET)
    query = form.query()
    province = selectors.province_or_404(query["province"])
    exact = selectors.sees_exact_figures(request.user)
    # Rendering takes seconds: keep each version (province, audience, language) for PDF_CACHE_SECONDS.
    key = _pdf_cache_key(province.code, exact, get_language())
    started = time.monotonic()
    pdf = cache.get(key)
    if pdf is None:
        pdf, _pages = render_atlas_pdf(province, exact=exact)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sakoo-atlas-{province.code}.pdf"'
    response["X-Render-Seconds"] = f"{time.monotonic() - started:.1f}"
    return response


def _pdf_cache_key(province_code: str, exact: bool, language: str) -> str:
    return f"atlas-pdf:{province_code}:{int(exact)}:{language}"


def _forget_pdfs(province_code: str) -> None:
    """The cached PDFs show the reference figures: drop them when the figures change."""
    cache.delete_many(
        [
            _pdf_cache_key(province_code, exact, lang)
            for exact in (False, True)
            for lang, _n in settings.LANGUAGES
        ]
    )


@role_required("province_admin")
@require_http_methods(["GET", "POST"])
def reference_figures(request):
    """Province admins list, add and retire the reference figures shown beside the maps."""
    province = selectors.province_or_404(settings.SAKOO_PROVINCE)
    form = ReferenceFigureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reference_figure_create(province=province, created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            _forget_pdfs(province.code)
            messages.success(request, _("The reference figure was added; it is shown beside the maps."))
            return redirect("atlas:reference_figures")
    context = {
        "form": form,
        "province": province,
        "figures": selectors.reference_figures(province.code),
        "retired": selectors.retired_reference_figures(province.code),
    }
    return render(request, "atlas/reference_figures.html", context, status=400 if form.errors else 200)


@role_required("province_admin")
@require_POST
def reference_figure_retire(request, pk: int):
    figure = selectors.reference_figure_or_404(settings.SAKOO_PROVINCE, pk)
    services.reference_figure_retire(figure=figure, retired_by=request.user)
    _forget_pdfs(figure.province.code)
    messages.success(request, _("The reference figure was retired; it is no longer shown beside the maps."))
    return redirect("atlas:reference_figures")
