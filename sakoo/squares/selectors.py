"""Reads for labour squares: who may see what, the fair order, and the figures.

Who may see what (one access-checked fetch helper per object kind, 404 outside the scope):

* a **square**'s page and figures: its coordinators (members of the managing municipality with the
  coordinator role), county officers of its county, province analysts and admins;
* creating a square and editing all of it (name, county, city, managing municipality): the province
  admin (any county) and county officers (their county); its coordinators edit only its practical
  details (address, landmark, opening hours, active flag); province analysts only read;
* a **labourer**, the **today board** and **assignments**: only the coordinators of the labourer's square
  (county and province staff see figures, never individual labourers);
* a **day request**: the coordinators of its square, and the employer account that made it (which sees
  how many workers were assigned, never who they are or how to reach them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from sakoo.accounts.models import Organisation, OrganisationKind, Role
from sakoo.accounts.scoping import (
    get_scoped_or_404,
    has_role,
    is_province_staff,
    user_county_ids,
    user_organisation_ids,
)
from sakoo.geo import selectors as geo_selectors
from sakoo.geo.models import County
from sakoo.squares.models import (
    Assignment,
    CheckIn,
    DayRequest,
    Labourer,
    MinimumDailyWage,
    Square,
    Trade,
)

#: Days looked back for the fair order ("fewest days of work in the last 30 days first").
FAIRNESS_WINDOW_DAYS = 30
#: Assignments that count as a day of work for the fair order (a no-show or a cancellation does not).
WORK_OUTCOMES = (Assignment.Outcome.PENDING, Assignment.Outcome.WORKED)

READER_ROLES = (
    Role.LABOUR_SQUARE_COORDINATOR,
    Role.COUNTY_OFFICER,
    Role.PROVINCE_ANALYST,
    Role.PROVINCE_ADMIN,
)
OPERATOR_ROLES = (Role.LABOUR_SQUARE_COORDINATOR,)
#: Who may create squares and edit all of a square (name, county, city, municipality) in their scope.
MANAGER_ROLES = (Role.COUNTY_OFFICER, Role.PROVINCE_ADMIN)
#: Who may open a square's edit page: its managers, and its coordinators for the practical details.
EDITOR_ROLES = (Role.LABOUR_SQUARE_COORDINATOR, *MANAGER_ROLES)
REQUESTER_ROLES = (Role.LABOUR_SQUARE_COORDINATOR, Role.EMPLOYER)


# --- scope -----------------------------------------------------------------------------------------


def square_scope(user, prefix: str = "") -> Q | None:
    """The Q (over Square, or over a model reaching it through ``prefix``) of the squares whose figures
    the user may read; ``None`` = every square."""
    if user.is_superuser or is_province_staff(user):
        return None
    if has_role(user, Role.LABOUR_SQUARE_COORDINATOR):
        return Q(**{f"{prefix}organisation_id__in": user_organisation_ids(user, "municipality")})
    if has_role(user, Role.COUNTY_OFFICER):
        return Q(**{f"{prefix}county_id__in": user_county_ids(user)})
    return Q(pk__in=[])


def operator_scope(user, prefix: str = "") -> Q | None:
    """Squares the user runs (coordinators: their municipality's squares; superusers: all)."""
    if user.is_superuser:
        return None
    if has_role(user, Role.LABOUR_SQUARE_COORDINATOR):
        return Q(**{f"{prefix}organisation_id__in": user_organisation_ids(user, "municipality")})
    return Q(pk__in=[])


def manager_scope(user, prefix: str = "") -> Q | None:
    """Squares the user may edit in full (province admins and superusers: all; county officers: those of
    their county). Province analysts read figures and manage nothing."""
    if user.is_superuser or has_role(user, Role.PROVINCE_ADMIN):
        return None
    if has_role(user, Role.COUNTY_OFFICER):
        return Q(**{f"{prefix}county_id__in": user_county_ids(user)})
    return Q(pk__in=[])


def editor_scope(user, prefix: str = "") -> Q | None:
    """Squares whose edit page the user may open: those they manage and those they run."""
    managed, operated = manager_scope(user, prefix), operator_scope(user, prefix)
    if managed is None or operated is None:
        return None
    return managed | operated


def _filtered(queryset: QuerySet, scope: Q | None) -> QuerySet:
    return queryset if scope is None else queryset.filter(scope)


def squares_for_user(user) -> QuerySet[Square]:
    return _filtered(Square.objects.select_related("county", "organisation"), square_scope(user))


def squares_taking_requests() -> QuerySet[Square]:
    """Squares an employer may send a request to (name, county, city, hours: nothing about people)."""
    return Square.objects.active().select_related("county").order_by("county__code", "name")


def operated_squares(user) -> QuerySet[Square]:
    return _filtered(Square.objects.select_related("county", "organisation"), operator_scope(user))


def counties_for_square_manager(user) -> QuerySet[County]:
    """Counties of the province the user may put a square in (the admin: all; a county officer: theirs)."""
    counties = geo_selectors.counties().order_by("name_fa")
    if user.is_superuser or has_role(user, Role.PROVINCE_ADMIN):
        return counties
    if has_role(user, Role.COUNTY_OFFICER):
        return counties.filter(pk__in=user_county_ids(user))
    return counties.none()


def municipalities_for_square_manager(user) -> QuerySet[Organisation]:
    """Municipalities that may be put in charge of a square the user manages (those of their counties)."""
    return (
        Organisation.objects.filter(
            kind=OrganisationKind.MUNICIPALITY,
            county__in=counties_for_square_manager(user).values("pk"),
        )
        .select_related("county")
        .order_by("county__name_fa", "name")
    )


def can_create_square(user) -> bool:
    return has_role(user, *MANAGER_ROLES) and counties_for_square_manager(user).exists()


def can_manage_square(user, square: Square) -> bool:
    """Whether the user may edit all of the square (name, county, city, municipality)."""
    return _filtered(Square.objects.filter(pk=square.pk), manager_scope(user)).exists()


def can_edit_square(user, square: Square) -> bool:
    """Whether the user may open the square's edit page (in full or its practical details)."""
    if not has_role(user, *EDITOR_ROLES):
        return False
    return _filtered(Square.objects.filter(pk=square.pk), editor_scope(user)).exists()


# --- access-checked fetch helpers ------------------------------------------------------------------


def get_square_for_user(request, pk) -> Square:
    """A square whose figures the user may read, else 404."""
    return get_scoped_or_404(
        Square.objects.select_related("county", "organisation"),
        scope=square_scope(request.user),
        lookup={"pk": pk},
        request=request,
    )


def get_operated_square_for_user(request, pk) -> Square:
    """A square the user runs (board, registration, walk-in requests), else 404."""
    return get_scoped_or_404(
        Square.objects.select_related("county", "organisation"),
        scope=operator_scope(request.user),
        lookup={"pk": pk},
        request=request,
    )


def get_editable_square_for_user(request, pk) -> Square:
    """A square the user manages (county officers, the province admin) or runs (its coordinators), for
    its edit page; else 404. ``can_manage_square`` then says whether all of it or only its details."""
    return get_scoped_or_404(
        Square.objects.select_related("county", "organisation"),
        scope=editor_scope(request.user),
        lookup={"pk": pk},
        request=request,
    )


def get_labourer_for_user(request, pk) -> Labourer:
    """A labourer of a square the user runs, else 404."""
    return get_scoped_or_404(
        Labourer.objects.select_related("square", "square__county").prefetch_related("trades"),
        scope=operator_scope(request.user, "square__"),
        lookup={"pk": pk},
        request=request,
    )


def get_day_request_for_user(request, pk) -> DayRequest:
    """A day request of a square the user runs, or one the signed-in employer made; else 404."""
    user = request.user
    scope = operator_scope(user, "square__")
    if has_role(user, Role.EMPLOYER) and not user.is_superuser:
        scope = Q(employer_user_id=user.pk)
    return get_scoped_or_404(
        DayRequest.objects.select_related("square", "square__county", "trade", "employer_user"),
        scope=scope,
        lookup={"pk": pk},
        request=request,
    )


def get_assignment_for_user(request, pk) -> Assignment:
    """An assignment at a square the user runs, else 404."""
    return get_scoped_or_404(
        Assignment.objects.select_related("request", "request__square", "labourer"),
        scope=operator_scope(request.user, "request__square__"),
        lookup={"pk": pk},
        request=request,
    )


def is_operator(user, square: Square) -> bool:
    return operated_squares(user).filter(pk=square.pk).exists()


# --- reads -----------------------------------------------------------------------------------------


def active_trades() -> QuerySet[Trade]:
    return Trade.objects.filter(is_active=True)


def minimum_daily_wage(on: dt.date) -> int | None:
    """The minimum daily wage (rials) in force on ``on``, or None when none is set."""
    row = MinimumDailyWage.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    return row.amount if row else None


def labourers_of_square(square: Square) -> QuerySet[Labourer]:
    return square.labourers.filter(is_active=True).prefetch_related("trades").order_by("full_name", "pk")


@dataclass
class BoardRow:
    labourer: Labourer
    present: bool
    assigned: bool


def board_rows(square: Square, day: dt.date, q: str = "") -> list[BoardRow]:
    """Every active labourer of the square with whether they are present and assigned on ``day``."""
    labourers = labourers_of_square(square)
    if q:
        from sakoo.core.text import normalize_text

        labourers = labourers.filter(full_name__icontains=normalize_text(q))
    present = set(CheckIn.objects.filter(square=square, date=day).values_list("labourer_id", flat=True))
    assigned = set(
        Assignment.objects.filter(request__square=square, work_date=day)
        .exclude(outcome=Assignment.Outcome.CANCELLED)
        .values_list("labourer_id", flat=True)
    )
    rows = [BoardRow(lab, lab.pk in present, lab.pk in assigned) for lab in labourers]
    # Present first (the coordinator's working list), then the others, each by name.
    rows.sort(key=lambda r: (not r.present, r.labourer.full_name, r.labourer.pk))
    return rows


def board_row(square: Square, labourer: Labourer, day: dt.date) -> BoardRow:
    present = CheckIn.objects.filter(labourer=labourer, date=day).exists()
    assigned = (
        Assignment.objects.filter(labourer=labourer, work_date=day)
        .exclude(outcome=Assignment.Outcome.CANCELLED)
        .exists()
    )
    return BoardRow(labourer, present, assigned)


def requests_of_day(square: Square, day: dt.date) -> QuerySet[DayRequest]:
    return (
        square.requests.filter(work_date=day)
        .exclude(status=DayRequest.Status.CANCELLED)
        .select_related("trade")
        .annotate(assigned=_assigned_count())
        .order_by("created_at", "pk")
    )


def upcoming_requests(square: Square, after: dt.date, days: int = 14) -> QuerySet[DayRequest]:
    """Requests for the days after ``after`` (two weeks by default), so the coordinator can plan."""
    return (
        square.requests.filter(work_date__gt=after, work_date__lte=after + dt.timedelta(days=days))
        .exclude(status=DayRequest.Status.CANCELLED)
        .select_related("trade")
        .annotate(assigned=_assigned_count())
        .order_by("work_date", "created_at", "pk")
    )


def requests_of_employer(user) -> QuerySet[DayRequest]:
    return (
        DayRequest.objects.filter(employer_user=user)
        .select_related("square", "square__county", "trade")
        .annotate(assigned=_assigned_count())
        .order_by("-work_date", "-pk")
    )


def _assigned_count():
    return Count("assignments", filter=~Q(assignments__outcome=Assignment.Outcome.CANCELLED))


def active_assignments(day_request: DayRequest) -> QuerySet[Assignment]:
    return (
        day_request.assignments.exclude(outcome=Assignment.Outcome.CANCELLED)
        .select_related("labourer")
        .order_by("assigned_at", "pk")
    )


def outcomes_recorded(day_request: DayRequest) -> bool:
    """Whether an outcome (worked, no-show) is recorded for one of the request's assignments."""
    return day_request.assignments.filter(
        outcome__in=(Assignment.Outcome.WORKED, Assignment.Outcome.NO_SHOW)
    ).exists()


def assigned_count(day_request: DayRequest) -> int:
    return day_request.assignments.exclude(outcome=Assignment.Outcome.CANCELLED).count()


def days_worked(labourer_ids, before: dt.date) -> dict[int, int]:
    """Days of work (assignments not cancelled or no-show) in the 30 days before ``before``."""
    start = before - dt.timedelta(days=FAIRNESS_WINDOW_DAYS)
    rows = (
        Assignment.objects.filter(
            labourer_id__in=labourer_ids,
            work_date__gte=start,
            work_date__lt=before,
            outcome__in=WORK_OUTCOMES,
        )
        .values("labourer_id")
        .annotate(n=Count("work_date", distinct=True))
    )
    return {row["labourer_id"]: row["n"] for row in rows}


@dataclass
class Candidate:
    labourer: Labourer
    days_worked: int
    arrived_at: dt.datetime
    rank: int = 0


def fair_order(day_request: DayRequest) -> list[Candidate]:
    """Who may be sent to this request, in the order they should be offered the work.

    Candidates: active labourers of the request's square with its trade, present (checked in) on the
    work date and without other work that day. Order: fewest days of work in the 30 days before the work
    date first; then who arrived at the square first; then who registered first (lowest id)."""
    day = day_request.work_date
    busy = (
        Assignment.objects.filter(work_date=day)
        .exclude(outcome=Assignment.Outcome.CANCELLED)
        .values("labourer_id")
    )
    arrival = CheckIn.objects.filter(labourer_id=OuterRef("pk"), date=day).values("arrived_at")[:1]
    labourers = (
        Labourer.objects.filter(
            square_id=day_request.square_id,
            is_active=True,
            trades=day_request.trade_id,
            check_ins__date=day,
        )
        .exclude(pk__in=busy)
        .annotate(arrived_at=Subquery(arrival))
        .distinct()
    )
    labourers = list(labourers)
    worked = days_worked([lab.pk for lab in labourers], day)
    candidates = [Candidate(lab, worked.get(lab.pk, 0), lab.arrived_at) for lab in labourers]
    candidates.sort(key=lambda c: (c.days_worked, c.arrived_at, c.labourer.pk))
    for rank, candidate in enumerate(candidates, start=1):
        candidate.rank = rank
    return candidates


# --- figures ---------------------------------------------------------------------------------------


@dataclass
class Figures:
    """Counts for one square (or county) over one day or month.

    ``registered``: active labourers registered by the end of the period; ``present``: labourer-days
    present (check-ins); ``present_people``: distinct labourers present at least once; ``demand``: workers
    asked for in requests not cancelled; ``hired``: assignments not cancelled; ``unmet``: workers asked for
    and not assigned; ``worked``, ``no_show``, ``unpaid``: recorded outcomes."""

    registered: int = 0
    present: int = 0
    present_people: int = 0
    demand: int = 0
    hired: int = 0
    unmet: int = 0
    worked: int = 0
    no_show: int = 0
    unpaid: int = 0
    label: str = ""
    key: object = None
    extra: dict = field(default_factory=dict)

    COUNT_FIELDS = (
        "registered",
        "present",
        "present_people",
        "demand",
        "hired",
        "unmet",
        "worked",
        "no_show",
        "unpaid",
    )

    def add(self, other: Figures) -> None:
        for name in self.COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _request_rows(square_ids, start: dt.date, end: dt.date):
    return (
        DayRequest.objects.filter(square_id__in=square_ids, work_date__range=(start, end))
        .exclude(status=DayRequest.Status.CANCELLED)
        .annotate(assigned=_assigned_count())
        .values("square_id", "work_date", "workers", "assigned")
    )


def figures_by_square(square_ids, start: dt.date, end: dt.date) -> dict[int, Figures]:
    """Figures of each square over [start, end], in a fixed number of queries."""
    square_ids = list(square_ids)
    out = {pk: Figures(key=pk) for pk in square_ids}
    registered = (
        Labourer.objects.filter(square_id__in=square_ids, is_active=True, registered_on__lte=end)
        .values("square_id")
        .annotate(n=Count("pk"))
    )
    for row in registered:
        out[row["square_id"]].registered = row["n"]
    present = (
        CheckIn.objects.filter(square_id__in=square_ids, date__range=(start, end))
        .values("square_id")
        .annotate(n=Count("pk"), people=Count("labourer_id", distinct=True))
    )
    for row in present:
        out[row["square_id"]].present = row["n"]
        out[row["square_id"]].present_people = row["people"]
    outcomes = (
        Assignment.objects.filter(request__square_id__in=square_ids, work_date__range=(start, end))
        .exclude(outcome=Assignment.Outcome.CANCELLED)
        .values("request__square_id")
        .annotate(
            n=Count("pk"),
            worked=Count("pk", filter=Q(outcome=Assignment.Outcome.WORKED)),
            no_show=Count("pk", filter=Q(outcome=Assignment.Outcome.NO_SHOW)),
            unpaid=Count("pk", filter=Q(wage=Assignment.Wage.UNPAID)),
        )
    )
    for row in outcomes:
        figures = out[row["request__square_id"]]
        figures.hired, figures.worked = row["n"], row["worked"]
        figures.no_show, figures.unpaid = row["no_show"], row["unpaid"]
    for row in _request_rows(square_ids, start, end):
        figures = out[row["square_id"]]
        figures.demand += row["workers"]
        figures.unmet += max(0, row["workers"] - row["assigned"])
    return out


def daily_figures(square: Square, start: dt.date, end: dt.date) -> list[Figures]:
    """One row per day of [start, end] for one square."""
    days: dict[dt.date, Figures] = {}
    day = start
    while day <= end:
        days[day] = Figures(key=day)
        day += dt.timedelta(days=1)
    registrations = dict(
        Labourer.objects.filter(square=square, is_active=True, registered_on__lte=end)
        .values("registered_on")
        .annotate(n=Count("pk"))
        .values_list("registered_on", "n")
    )
    present = (
        CheckIn.objects.filter(square=square, date__range=(start, end)).values("date").annotate(n=Count("pk"))
    )
    for row in present:
        days[row["date"]].present = days[row["date"]].present_people = row["n"]
    hired = (
        Assignment.objects.filter(request__square=square, work_date__range=(start, end))
        .exclude(outcome=Assignment.Outcome.CANCELLED)
        .values("work_date")
        .annotate(
            n=Count("pk"),
            worked=Count("pk", filter=Q(outcome=Assignment.Outcome.WORKED)),
            no_show=Count("pk", filter=Q(outcome=Assignment.Outcome.NO_SHOW)),
            unpaid=Count("pk", filter=Q(wage=Assignment.Wage.UNPAID)),
        )
    )
    for row in hired:
        figures = days[row["work_date"]]
        figures.hired, figures.worked, figures.no_show, figures.unpaid = (
            row["n"],
            row["worked"],
            row["no_show"],
            row["unpaid"],
        )
    for row in _request_rows([square.pk], start, end):
        figures = days[row["work_date"]]
        figures.demand += row["workers"]
        figures.unmet += max(0, row["workers"] - row["assigned"])
    running = sum(n for registered_on, n in registrations.items() if registered_on < start)
    for day, figures in days.items():
        running += registrations.get(day, 0)
        figures.registered = running
    return list(days.values())


def day_figures(square: Square, day: dt.date) -> Figures:
    return figures_by_square([square.pk], day, day)[square.pk]


def county_month_summary(start: dt.date, end: dt.date) -> list[dict]:
    """Per county of the province: squares and the sum of their figures over [start, end] (exact)."""
    from django.conf import settings

    squares = list(
        Square.objects.filter(county__province__code=settings.SAKOO_PROVINCE).values_list(
            "pk", "county__code", "county__name_fa", "county__name_en"
        )
    )
    by_square = figures_by_square([pk for pk, *_rest in squares], start, end)
    counties: dict[str, dict] = {}
    for pk, code, name_fa, name_en in squares:
        row = counties.setdefault(
            code, {"code": code, "name_fa": name_fa, "name_en": name_en, "squares": 0, "figures": Figures()}
        )
        row["squares"] += 1
        row["figures"].add(by_square[pk])
    return [counties[code] for code in sorted(counties)]
