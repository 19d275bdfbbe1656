"""The search page (/search/) and its htmx partials. Thin: the form reads, the selector searches."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from sakoo.core.money import format_money
from sakoo.search.forms import SearchForm
from sakoo.search.selectors import counties_by_code, province_county_options, typeahead, vacancy_search

FILTER_LABELS = {
    "county": _("County"),
    "occupation": _("Occupation group"),
    "contract": _("Contract type"),
    "education": _("Education required"),
    "min_wage": _("Minimum wage"),
    "remote": _("Remote work"),
    "knowledge_based": _("Knowledge-based company"),
    "it": _("IT-oriented"),
    "graduate": _("For university graduates"),
    "within_days": _("Posted"),
}


def _query_string(params: dict, changes: dict) -> str:
    merged = {k: v for k, v in params.items() if v not in ("", None) and k != "page"}
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return "?" + urlencode(merged)


_SELECTS_BEFORE_WAGE = ("contract", "education")
_SELECTS_AFTER_WAGE = ("remote", "kb", "it", "graduate", "days", "sort")


def _selects(form, names) -> list[dict]:
    """The choice fields as plain data for the template, which writes the same markup as Django's Select
    widget: the widget's per-option template includes cost about 2 ms per page."""
    out = []
    for name in names:
        bound = form[name]
        current = bound.value()
        current = "" if current is None else str(current)
        options = [(str(value), label, str(value) == current) for value, label in bound.field.choices]
        out.append({"name": name, "id": bound.id_for_label, "label": bound.label, "options": options})
    return out


_CHOICE_FILTERS = ("contract", "education", "remote", "kb", "it", "graduate", "days")


def _filter_chips(form, params: dict) -> list[dict]:
    """The search's active filters, each with its value in words and a link that removes it (removing the
    county also removes "near me"). Shown above the results, so the filter panel can stay folded on a phone."""
    if not (form.is_bound and form.is_valid()):
        return []
    data = form.cleaned_data
    chips = []

    def add(param: str, label, value: str, drop: dict):
        chips.append({"param": param, "label": label, "value": value, "href": _query_string(params, drop)})

    if data.get("county"):
        ref = counties_by_code().get(data["county"])
        name = ref.name if ref else data["county"]
        if data.get("near"):
            name = _("%(county)s and its neighbours") % {"county": name}
        add("county", FILTER_LABELS["county"], name, {"county": None, "near": None})
    if data.get("occupation"):
        add("occupation", FILTER_LABELS["occupation"], data["occupation"], {"occupation": None})
    if data.get("min_wage") is not None:
        add(
            "min_wage", FILTER_LABELS["min_wage"], format_money(data["min_wage"], "toman"), {"min_wage": None}
        )
    for name in _CHOICE_FILTERS:
        value = data.get(name)
        if value:
            choices = dict(form.fields[name].choices)
            add(name, form.fields[name].label, str(choices.get(value, value)), {name: None})
    return chips


@require_GET
def search(request):
    form = SearchForm(request.GET or None, wage_unit="toman")
    params = {k: v for k, v in request.GET.items()}
    result = None
    if form.is_bound and form.is_valid():
        result = vacancy_search(**form.search_kwargs())
    elif not form.is_bound:
        form = SearchForm(wage_unit="toman")
        result = vacancy_search()
    widen = []
    if result is not None:
        for s in result.suggestions:
            label = FILTER_LABELS.get(s.label, s.label) if s.kind == "drop_filter" else s.label
            widen.append(
                {"kind": s.kind, "label": label, "count": s.count, "href": _query_string(params, s.params)}
            )
    facet_links = {}
    if result is not None:
        param_of = {"knowledge_based": "kb", "within_days": "days"}
        for name, items in result.facets.items():
            param = param_of.get(name, name)
            facet_links[name] = [
                dict(
                    item,
                    href=_query_string(params, {param: item["value"]}),
                    active=params.get(param) == item["value"],
                )
                for item in items
            ]
    pages = {}
    if result is not None:
        if result.has_previous:
            pages["previous"] = _query_string(params, {"page": str(result.page - 1)})
        if result.has_next:
            pages["next"] = _query_string(params, {"page": str(result.page + 1)})
    selected_county = form["county"].value() or ""
    options = province_county_options()
    if selected_county and selected_county not in {ref.code for ref in options}:
        extra = counties_by_code().get(selected_county)  # a county of another province, asked for by code
        options = [extra, *options] if extra else options
    chips = _filter_chips(form, params)
    context = {
        "form": form,
        "selects_before_wage": _selects(form, _SELECTS_BEFORE_WAGE),
        "selects_after_wage": _selects(form, _SELECTS_AFTER_WAGE),
        # (ref, selected) pairs: the template compares nothing per option
        "county_options": [(ref, ref.code == selected_county) for ref in options],
        "result": result,
        "widen": widen,
        "facets": facet_links,
        "pages": pages,
        "filter_chips": chips,
        "active_filters": bool(chips),
    }
    template = (
        "search/_results.html"
        if request.htmx and request.htmx.target == "search-results"
        else "search/search.html"
    )
    return render(request, template, context)


@require_GET
def suggest(request):
    """Typeahead partial (htmx): a list of completions for ``q``."""
    q = request.GET.get("q", "")
    return render(request, "search/_suggest.html", {"completions": typeahead(q), "q": q})
