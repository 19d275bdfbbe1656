"""The monitoring dashboard, drill-down lists, exports and the monthly report (thin views)."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sakoo.core.jalali import jalali_month_range, month_label, parse_jalali_month
from sakoo.monitoring import exports, labels, selectors
from sakoo.monitoring import indicators as ind
from sakoo.monitoring.aggregates import month_code
from sakoo.monitoring.presentation import bar_width, column_chart, hbars


def _scope(request, county_code: str | None = None):
    try:
        return selectors.monitoring_scope(request.user, county_code or request.GET.get("county") or None)
    except LookupError as exc:
        raise Http404 from exc
    except PermissionDenied:
        from sakoo.accounts.scoping import deny

        deny(request, "monitoring dashboard")


def _month(request) -> tuple[int, int]:
    raw = request.GET.get("month")
    if not raw:
        return selectors.current_month()
    try:
        return parse_jalali_month(raw)
    except (ValidationError, ValueError) as exc:
        raise Http404 from exc


# The rendered figures depend only on the stored aggregates, so they are cached under the month's "as of"
# stamp and a generation number that every refresh bumps: a refreshed month is never served stale.
DASHBOARD_CACHE_SECONDS = 6 * 3600


def _render_parts(data, scope, ym, span) -> dict:
    label_maps = labels.breakdown_labels()
    context = {
        "data": data,
        "scope": scope,
        "month_code": month_code(ym),
        "month_label": month_label(*ym),
        "span": span,
        "trends": [
            {"code": code, "indicator": ind.INDICATORS[code], "bars": column_chart(points)}
            for code, points in data.trends.items()
        ],
        "bar_width": bar_width(len(data.months)),
        "seeker_breakdowns": [
            {"code": b, "label": ind.BREAKDOWNS[b], "bars": hbars(items, label_maps.get(b))}
            for b, items in data.breakdowns.items()
        ],
        "placement_breakdowns": [
            {"code": b, "label": ind.BREAKDOWNS[b], "bars": hbars(items, label_maps.get(b))}
            for b, items in data.placement_breakdowns.items()
        ],
    }
    return {name: render_to_string(f"monitoring/_part_{name}.html", context) for name in ("headline", "themes", "rest")}


@login_required
def dashboard(request):
    scope = _scope(request)
    month_error = ""
    try:
        ym = _month(request)
    except Http404:
        ym = selectors.current_month()
        month_error = _("Month: enter a Jalali month such as 1404-07.")
    if ym > selectors.current_month():
        ym = selectors.current_month()
        month_error = _("Month: figures exist only up to the current month.")
    try:
        span = max(12, min(36, int(request.GET.get("span", 12))))
    except ValueError:
        span = 12
    months = selectors.trend_months(ym, span)
    selectors.ensure_months(selectors.trend_months(ym, max(span, 12)))
    stamp = selectors.as_of(month_code(ym))
    key = ":".join(
        [
            "monitoring", "dashboard", str(selectors.cache_generation()), get_language() or "fa", month_code(ym),
            scope.county.code if scope.county else "province", str(span), stamp.isoformat() if stamp else "-",
        ]
    )
    parts = cache.get(key)
    data = None
    if parts is None:
        data = selectors.dashboard(ym=ym, county=scope.county, span=span)
        parts = _render_parts(data, scope, ym, span)
        cache.set(key, parts, DASHBOARD_CACHE_SECONDS)
    context = {
        "data": data,
        "parts": parts,
        "as_of": stamp,
        "months": months,
        "month_error": month_error,
        "month_input": request.GET.get("month", "") if month_error else month_code(ym),
        "scope": scope,
        "month_code": month_code(ym),
        "month_label": month_label(*ym),
        "span": span,
        "targets": selectors.targets_status(ym, scope.county),
        "reference_figures": selectors.reference_figures(),
    }
    return render(request, "monitoring/dashboard.html", context)


@login_required
def drilldown(request, county_code: str, kind: str):
    """The list behind a county's figures (officials only): placements or job seekers of the month."""
    scope = _scope(request, county_code)
    if scope.county is None:
        raise Http404
    ym = _month(request)
    start, end = jalali_month_range(*ym)
    if kind == "placements":
        from sakoo.vacancies.models import Placement

        qs = (
            Placement.objects.filter(county=scope.county, hired_on__gte=start, hired_on__lte=end)
            .select_related("seeker", "employer", "occupation")
            .order_by("-hired_on", "pk")
        )
    elif kind == "seekers":
        from sakoo.seekers.models import JobSeeker

        qs = JobSeeker.objects.filter(county=scope.county, registered_on__gte=start, registered_on__lte=end).order_by(
            "-registered_on", "pk"
        )
    else:
        raise Http404
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/drilldown.html",
        {"scope": scope, "kind": kind, "page": page, "month_code": month_code(ym), "month_label": month_label(*ym)},
    )


@login_required
def export(request, fmt: str):
    scope = _scope(request)
    ym = _month(request)
    rows = exports.aggregate_rows(ym, scope.county)
    name = f"sakoo-monitoring-{month_code(ym)}{'-' + scope.county.code if scope.county else ''}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(exports.HEADER)
        writer.writerows(rows)
        return response
    if fmt == "xlsx":
        content = exports.rows_to_xlsx(rows, title=_("Monitoring"))
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    raise Http404


@login_required
def report(request, fmt: str):
    """The monthly report of the working group for the chosen month (province staff only)."""
    from sakoo.accounts.scoping import deny, is_province_staff

    if not is_province_staff(request.user):
        deny(request, "monthly report")
    ym = _month(request)
    from sakoo.monitoring import report as monthly

    if fmt == "pdf":
        response = HttpResponse(monthly.report_pdf(ym), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="sakoo-report-{month_code(ym)}.pdf"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            monthly.report_xlsx(ym), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="sakoo-report-{month_code(ym)}.xlsx"'
        return response
    raise Http404


def _require_admin(request):
    from sakoo.accounts.scoping import deny, has_role

    if not has_role(request.user, "province_admin"):
        deny(request, "monitoring targets")


@login_required
def targets(request):
    """Targets the province sets (admins add and remove; analysts and county officers see them on the dashboard)."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from sakoo.monitoring import services
    from sakoo.monitoring.forms import TargetForm
    from sakoo.monitoring.models import Target

    _require_admin(request)
    scope = selectors.monitoring_scope(request.user)
    form = TargetForm(request.POST or None, counties=scope.counties)
    if request.method == "POST" and request.POST.get("delete"):
        target = Target.objects.filter(pk=request.POST["delete"]).first()
        if target is None:
            raise Http404
        services.target_delete(target=target)
        messages.success(request, _("The target is removed."))
        return redirect("monitoring:targets")
    if request.method == "POST" and form.is_valid():
        try:
            services.target_create(set_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("The target is saved."))
            return redirect("monitoring:targets")
    rows = Target.objects.select_related("county").order_by("indicator", "county__code", "from_month")
    return render(
        request,
        "monitoring/targets.html",
        {"form": form, "targets": [(t, ind.get(t.indicator)) for t in rows]},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def refresh(request):
    """Recompute the chosen month now (POST only; province staff)."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from sakoo.accounts.scoping import deny, is_province_staff
    from sakoo.monitoring import services

    if request.method != "POST":
        return HttpResponse(status=405)
    if not is_province_staff(request.user):
        deny(request, "monitoring refresh")
    ym = _month(request)
    if ym > selectors.current_month():
        raise Http404
    services.aggregates_refresh(ym=ym)
    messages.success(request, _("The figures of %(month)s are recomputed.") % {"month": month_label(*ym)})
    return redirect(f"{request.path.rsplit('refresh/', 1)[0]}?month={month_code(ym)}")
