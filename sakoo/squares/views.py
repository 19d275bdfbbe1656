"""Labour-square pages: thin; reads through selectors (access-checked fetch helpers), writes through
services. Every page works without JavaScript; the today board is enhanced with htmx."""

from __future__ import annotations

import csv
import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakoo.accounts.models import Role
from sakoo.accounts.scoping import deny, has_role, role_required
from sakoo.core.jalali import jalali_month_of, jalali_month_range, parse_jalali, to_jalali
from sakoo.squares import selectors, services
from sakoo.squares.forms import (
    DayRequestForm,
    LabourerEditForm,
    LabourerForm,
    MonthForm,
    OutcomeForm,
    SquareDetailsForm,
    SquareForm,
)
from sakoo.squares.models import DayRequest

COORDINATOR = Role.LABOUR_SQUARE_COORDINATOR


def _apply_errors(form, exc: ValidationError) -> None:
    """Put a service's errors on the form fields they name (others at the top)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _day(request, *, default: dt.date | None = None) -> dt.date:
    """``?date=1404-08-05`` (Jalali, any digits) or today; never a future day on the board."""
    today = timezone.localdate()
    raw = request.GET.get("date") or request.POST.get("date") or ""
    if not raw:
        return default or today
    try:
        day = parse_jalali(raw)
    except ValidationError as exc:
        raise Http404 from exc
    return min(day, today)


def jalali_param(day: dt.date) -> str:
    """A day as it goes in a URL: the Jalali date with ASCII digits (``1404-08-05``)."""
    j = to_jalali(day)
    return f"{j.year:04d}-{j.month:02d}-{j.day:02d}"


def _month(request) -> tuple[tuple[int, int], MonthForm]:
    form = MonthForm(request.GET or None)
    month = jalali_month_of(timezone.localdate())
    if form.is_valid() and form.cleaned_data.get("month"):
        month = form.cleaned_data["month"]
    return month, form


# --- index and figures -----------------------------------------------------------------------------


@role_required(*selectors.READER_ROLES, Role.EMPLOYER)
def index(request):
    """Coordinators: their squares and today's counts; county and province staff: the month's figures;
    employers: their requests."""
    if has_role(request.user, Role.EMPLOYER) and not request.user.is_superuser:
        return redirect("squares:my_requests")
    month, form = _month(request)
    start, end = jalali_month_range(*month)
    end = min(end, timezone.localdate()) if start <= timezone.localdate() else end
    squares = list(selectors.squares_for_user(request.user))
    today = timezone.localdate()
    month_figures = selectors.figures_by_square([s.pk for s in squares], start, end)
    today_figures = selectors.figures_by_square([s.pk for s in squares], today, today)
    total = selectors.Figures()
    rows = []
    for square in squares:
        total.add(month_figures[square.pk])
        rows.append({"square": square, "month": month_figures[square.pk], "today": today_figures[square.pk]})
    context = {
        "rows": rows,
        "total": total,
        "month": month,
        "month_form": form,
        "today": today,
        "operates": has_role(request.user, COORDINATOR),
        "can_create": selectors.can_create_square(request.user),
    }
    return render(request, "squares/index.html", context)


CSV_HEADER = (
    "square",
    "county_code",
    "county",
    "month",
    "registered",
    "present_labourer_days",
    "labourers_present",
    "workers_asked_for",
    "hired",
    "unmet_demand",
    "worked",
    "no_show",
    "unpaid_wage_complaints",
)


@role_required(*selectors.READER_ROLES)
def figures_csv(request):
    """The month's figures per square in scope, for a meeting's spreadsheet (counts, no people)."""
    month, _form = _month(request)
    start, end = jalali_month_range(*month)
    squares = list(selectors.squares_for_user(request.user))
    figures = selectors.figures_by_square([s.pk for s in squares], start, min(end, timezone.localdate()))
    code = f"{month[0]:04d}-{month[1]:02d}"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sakoo-labour-squares-{code}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the Persian names as UTF-8
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for square in squares:
        f = figures[square.pk]
        writer.writerow(
            [
                square.name,
                square.county.code,
                square.county.name_fa,
                code,
                f.registered,
                f.present,
                f.present_people,
                f.demand,
                f.hired,
                f.unmet,
                f.worked,
                f.no_show,
                f.unpaid,
            ]
        )
    return response


@role_required(*selectors.READER_ROLES)
def square_detail(request, pk: int):
    """One square: its details and a row per day of the month."""
    square = selectors.get_square_for_user(request, pk)
    month, form = _month(request)
    start, end = jalali_month_range(*month)
    today = timezone.localdate()
    if start <= today:
        end = min(end, today)
    days = selectors.daily_figures(square, start, end) if start <= end else []
    total = selectors.Figures()
    for row in days:
        total.add(row)
    total.registered = days[-1].registered if days else 0
    return render(
        request,
        "squares/square_detail.html",
        {
            "square": square,
            "days": days,
            "total": total,
            "month": month,
            "month_form": form,
            "operates": selectors.is_operator(request.user, square),
            "can_edit": selectors.can_edit_square(request.user, square),
        },
    )


# --- creating and editing squares ------------------------------------------------------------------


def _square_form(request, *, initial=None) -> SquareForm:
    return SquareForm(
        request.POST or None,
        initial=initial,
        counties=selectors.counties_for_square_manager(request.user),
        municipalities=selectors.municipalities_for_square_manager(request.user),
    )


@role_required(*selectors.MANAGER_ROLES)
def square_create(request):
    """The province admin adds a square in any county; a county officer, in their county."""
    if not selectors.can_create_square(request.user):
        deny(request, "no county to add a labour square in")
    form = _square_form(request, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        try:
            square = services.square_create(**form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The labour square %(name)s is added.") % {"name": square.name})
            return redirect("squares:square_detail", pk=square.pk)
    return render(request, "squares/square_form.html", {"form": form, "square": None})


@role_required(*selectors.EDITOR_ROLES)
def square_edit(request, pk: int):
    """All of the square for its managers (the province admin, the county officer of its county); only
    the practical details (address, landmark, hours, active) for its coordinators."""
    square = selectors.get_editable_square_for_user(request, pk)
    manages = selectors.can_manage_square(request.user, square)
    if manages:
        form = _square_form(request, initial=SquareForm.initial_for(square))
        update = services.square_update
    else:
        form = SquareDetailsForm(request.POST or None, initial=SquareDetailsForm.initial_for(square))
        update = services.square_update_details
    if request.method == "POST" and form.is_valid():
        try:
            update(square=square, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The square's details are saved."))
            return redirect("squares:square_detail", pk=square.pk)
    return render(request, "squares/square_form.html", {"form": form, "square": square, "manages": manages})


# --- the today board -------------------------------------------------------------------------------


@role_required(COORDINATOR)
def board(request, pk: int):
    square = selectors.get_operated_square_for_user(request, pk)
    day = _day(request)
    q = request.GET.get("q", "").strip()[:60]
    context = {
        "square": square,
        "day": day,
        "is_today": day == timezone.localdate(),
        "rows": selectors.board_rows(square, day, q),
        "figures": selectors.day_figures(square, day),
        "requests": selectors.requests_of_day(square, day),
        "upcoming": selectors.upcoming_requests(square, day),
        "q": q,
    }
    return render(request, "squares/board.html", context)


@require_POST
@role_required(COORDINATOR)
def check_in(request, pk: int):
    """Mark one labourer present or not (a big button per labourer). htmx swaps the row and the counts;
    without JavaScript the board is shown again at the same row."""
    labourer = selectors.get_labourer_for_user(request, request.POST.get("labourer", ""))
    square = labourer.square
    if square.pk != pk:
        raise Http404
    day = _day(request)
    present = request.POST.get("present") == "1"
    error = ""
    try:
        services.check_in_set(labourer=labourer, day=day, present=present, by=request.user)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        context = {
            "square": square,
            "day": day,
            "row": selectors.board_row(square, labourer, day),
            "figures": selectors.day_figures(square, day),
            "error": error,
            "oob": True,
        }
        return render(request, "squares/_board_row.html", context)
    if error:
        messages.error(request, error)
    url = reverse("squares:board", args=[square.pk])
    if day != timezone.localdate():
        url += f"?date={jalali_param(day)}"
    return redirect(f"{url}#labourer-{labourer.pk}")


# --- labourers -------------------------------------------------------------------------------------


@role_required(COORDINATOR)
def labourer_create(request, pk: int):
    square = selectors.get_operated_square_for_user(request, pk)
    form = LabourerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            labourer = services.labourer_register(
                square=square,
                created_by=request.user,
                trades=list(form.cleaned_data.pop("trades")),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": labourer.full_name})
            if "another" in request.POST:
                return redirect("squares:labourer_create", pk=square.pk)
            return redirect("squares:board", pk=square.pk)
    return render(request, "squares/labourer_form.html", {"form": form, "square": square})


@role_required(COORDINATOR)
def labourer_edit(request, pk: int):
    labourer = selectors.get_labourer_for_user(request, pk)
    initial = {
        "full_name": labourer.full_name,
        "mobile": labourer.mobile,
        "national_id": labourer.national_id or "",
        "trades": list(labourer.trades.all()),
        "insurance": labourer.insurance,
        "is_active": labourer.is_active,
    }
    form = LabourerEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.labourer_update(labourer=labourer, trades=list(data.pop("trades")), **data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The labourer's details are saved."))
            return redirect("squares:board", pk=labourer.square_id)
    history = labourer.assignments.select_related("request", "request__trade").order_by("-work_date")[:30]
    return render(
        request,
        "squares/labourer_form.html",
        {"form": form, "square": labourer.square, "labourer": labourer, "history": history},
    )


# --- day requests ----------------------------------------------------------------------------------


@role_required(COORDINATOR)
def request_create_walk_in(request, pk: int):
    """The coordinator records a walk-in employer's request."""
    square = selectors.get_operated_square_for_user(request, pk)
    form = DayRequestForm(request.POST or None, walk_in=True, initial={"work_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            day_request = services.day_request_create(
                square=square, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The request is recorded."))
            return redirect("squares:request_detail", pk=day_request.pk)
    return render(request, "squares/request_form.html", {"form": form, "square": square})


@role_required(Role.EMPLOYER)
def request_create(request):
    """A signed-in employer asks a square for workers."""
    squares = selectors.squares_taking_requests()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    form = DayRequestForm(request.POST or None, squares=squares, initial={"work_date": tomorrow})
    if request.method == "POST" and form.is_valid():
        try:
            day_request = services.day_request_create(
                employer_user=request.user, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request, _("Your request is recorded. The square's coordinator will send the workers.")
            )
            return redirect("squares:request_detail", pk=day_request.pk)
    return render(request, "squares/request_form.html", {"form": form, "square": None, "squares": squares})


@role_required(Role.EMPLOYER)
def my_requests(request):
    return render(
        request, "squares/my_requests.html", {"requests": selectors.requests_of_employer(request.user)}
    )


@role_required(COORDINATOR, Role.EMPLOYER)
def request_detail(request, pk: int):
    day_request = selectors.get_day_request_for_user(request, pk)
    operates = selectors.is_operator(request.user, day_request.square)
    context = {
        "day_request": day_request,
        "operates": operates,
        "assigned": selectors.assigned_count(day_request),
        "today": timezone.localdate(),
        # a request whose outcomes are recorded can no longer be cancelled (the service refuses it)
        "can_cancel": day_request.status != DayRequest.Status.CANCELLED
        and not selectors.outcomes_recorded(day_request),
    }
    if operates:
        context["assignments"] = [
            (
                assignment,
                OutcomeForm(
                    initial={"outcome": assignment.outcome, "wage": assignment.wage, "note": assignment.note},
                    prefix=f"a{assignment.pk}",
                ),
            )
            for assignment in selectors.active_assignments(day_request)
        ]
        context["candidates"] = selectors.fair_order(day_request)
        context["window"] = selectors.FAIRNESS_WINDOW_DAYS
    return render(request, "squares/request_detail.html", context)


@require_POST
@role_required(COORDINATOR)
def assign(request, pk: int):
    day_request = selectors.get_day_request_for_user(request, pk)
    if not selectors.is_operator(request.user, day_request.square):
        raise Http404
    labourer = selectors.get_labourer_for_user(request, request.POST.get("labourer", ""))
    try:
        assignment = services.assignment_create(day_request=day_request, labourer=labourer, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s is assigned. Call them with the place and time of work.")
            % {"name": assignment.labourer.full_name},
        )
    return redirect("squares:request_detail", pk=day_request.pk)


@require_POST
@role_required(COORDINATOR, Role.EMPLOYER)
def request_cancel(request, pk: int):
    day_request = selectors.get_day_request_for_user(request, pk)
    try:
        services.day_request_cancel(day_request=day_request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The request is cancelled."))
    return redirect("squares:request_detail", pk=day_request.pk)


@require_POST
@role_required(COORDINATOR)
def assignment_outcome(request, pk: int):
    assignment = selectors.get_assignment_for_user(request, pk)
    form = OutcomeForm(request.POST, prefix=f"a{assignment.pk}")
    if form.is_valid():
        try:
            services.assignment_record_outcome(assignment=assignment, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The outcome is recorded."))
    else:
        messages.error(request, _("Choose what happened and whether the wage was paid."))
    return redirect(
        reverse("squares:request_detail", args=[assignment.request_id]) + f"#assignment-{assignment.pk}"
    )
