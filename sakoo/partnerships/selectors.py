"""Reads for partnerships and skills training: who may see what, agreement progress and course outcomes.

Who may see what (one access-checked fetch helper per object kind, 404 outside the scope):

* an **agreement**: province analysts and admins (all); the members of a company that is a party to it;
  the members of its labour office (agency officers);
* a **course** (published): everyone sees the public page; its figures page: province staff (all),
  county officers (courses in their county), the provider's staff (their provider's courses);
* a course's **roster** and an **enrolment**: only the provider's staff (members of the provider's
  organisation with the agency-officer role) mark completion;
* a job seeker sees their own enrolments.

Only the province admin records, edits and moves agreements (``can_manage_agreements``); an agreement's
changes (``agreement_changes``) are shown to everyone who may read it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sakoo.accounts.models import Role
from sakoo.accounts.scoping import (
    get_scoped_or_404,
    has_role,
    is_province_staff,
    user_county_ids,
    user_organisation_ids,
)
from sakoo.core.disclosure import SUPPRESSION_THRESHOLD, suppress
from sakoo.core.jalali import add_months, days_in_month, format_jalali, to_gregorian, to_jalali
from sakoo.core.text import format_number
from sakoo.partnerships.models import (
    Agreement,
    AgreementChange,
    Course,
    Enrolment,
    ProgressReport,
    TrainingProvider,
)

#: A completer counts as placed when hired from the course's last day to this many days after it
#: (six months).
OUTCOME_WINDOW_DAYS = 183
INTERNSHIP = "internship"  # vacancies' ContractType.INTERNSHIP

AGREEMENT_READER_ROLES = (Role.PROVINCE_ANALYST, Role.PROVINCE_ADMIN, Role.EMPLOYER, Role.AGENCY_OFFICER)
COURSE_STAFF_ROLES = (Role.PROVINCE_ANALYST, Role.PROVINCE_ADMIN, Role.COUNTY_OFFICER, Role.AGENCY_OFFICER)
PROVIDER_ROLES = (Role.AGENCY_OFFICER,)


# --- scope -----------------------------------------------------------------------------------------


def agreement_scope(user) -> Q | None:
    """Agreements the user may read; ``None`` = all."""
    if user.is_superuser or is_province_staff(user):
        return None
    if has_role(user, Role.EMPLOYER):
        party = Agreement.objects.filter(
            employers__organisation_id__in=user_organisation_ids(user, "employer")
        ).values("pk")
        return Q(pk__in=party)
    if has_role(user, Role.AGENCY_OFFICER):
        return Q(labour_office_id__in=user_organisation_ids(user, "agency"))
    return Q(pk__in=[])


def course_staff_scope(user, prefix: str = "") -> Q | None:
    """Courses whose figures the user may read; ``None`` = all."""
    if user.is_superuser or is_province_staff(user):
        return None
    if has_role(user, Role.COUNTY_OFFICER):
        return Q(**{f"{prefix}county_id__in": user_county_ids(user)})
    if has_role(user, Role.AGENCY_OFFICER):
        return Q(**{f"{prefix}provider__organisation_id__in": user_organisation_ids(user, "agency")})
    return Q(pk__in=[])


def provider_scope(user, prefix: str = "") -> Q | None:
    """Courses the user runs as the provider's staff (superusers: all)."""
    if user.is_superuser:
        return None
    if has_role(user, Role.AGENCY_OFFICER):
        return Q(**{f"{prefix}provider__organisation_id__in": user_organisation_ids(user, "agency")})
    return Q(pk__in=[])


def _filtered(queryset: QuerySet, scope: Q | None) -> QuerySet:
    return queryset if scope is None else queryset.filter(scope)


def agreements_for_user(user) -> QuerySet[Agreement]:
    return _filtered(Agreement.objects.select_related("university", "labour_office"), agreement_scope(user))


def courses_for_staff(user) -> QuerySet[Course]:
    return _filtered(
        Course.objects.select_related("provider", "county", "occupation"), course_staff_scope(user)
    ).order_by("provider__name", "-ends_on", "pk")


def providers_of_user(user) -> QuerySet[TrainingProvider]:
    """The training providers the user is staff of (superusers: all)."""
    providers = TrainingProvider.objects.order_by("name")
    if user.is_superuser:
        return providers
    if not has_role(user, Role.AGENCY_OFFICER):
        return providers.none()
    return providers.filter(organisation_id__in=user_organisation_ids(user, "agency"))


def runs_course(user, course: Course) -> bool:
    return _filtered(Course.objects.filter(pk=course.pk), provider_scope(user)).exists()


def can_manage_agreements(user) -> bool:
    return has_role(user, Role.PROVINCE_ADMIN)


# --- access-checked fetch helpers ------------------------------------------------------------------


def get_agreement_for_user(request, pk) -> Agreement:
    """An agreement the user may read, else 404."""
    return get_scoped_or_404(
        Agreement.objects.select_related("university", "labour_office"),
        scope=agreement_scope(request.user),
        lookup={"pk": pk},
        request=request,
    )


def get_public_course(request, pk) -> Course:
    """A published course (anyone may read it), else 404."""
    return get_scoped_or_404(
        Course.objects.select_related("provider", "county", "occupation"),
        scope=Q(is_published=True),
        lookup={"pk": pk},
        request=request,
    )


def get_course_for_staff(request, pk) -> Course:
    """A course whose figures the user may read, else 404."""
    return get_scoped_or_404(
        Course.objects.select_related("provider", "county", "occupation"),
        scope=course_staff_scope(request.user),
        lookup={"pk": pk},
        request=request,
    )


def get_course_for_provider_staff(request, pk) -> Course:
    """A course of the user's training provider (the roster), else 404."""
    return get_scoped_or_404(
        Course.objects.select_related("provider", "county", "occupation"),
        scope=provider_scope(request.user),
        lookup={"pk": pk},
        request=request,
    )


def get_enrolment_for_provider_staff(request, pk) -> Enrolment:
    """An enrolment in a course of the user's training provider, else 404."""
    return get_scoped_or_404(
        Enrolment.objects.select_related("course", "seeker"),
        scope=provider_scope(request.user, "course__"),
        lookup={"pk": pk},
        request=request,
    )


# --- agreements ------------------------------------------------------------------------------------


def agreement_ends_on(agreement: Agreement) -> dt.date | None:
    """The last day of the agreement: ``duration_months`` Jalali months after signing, less a day."""
    if agreement.signed_on is None:
        return None
    j = to_jalali(agreement.signed_on)
    year, month = add_months(j.year, j.month, agreement.duration_months)
    return to_gregorian(year, month, min(j.day, days_in_month(year, month))) - dt.timedelta(days=1)


MEASURE_HELP = {
    ProgressReport.Measure.INTERNSHIPS: _(
        "Graduates of the university placed in an internship by a party company in the agreement's "
        "period (Sakoo's placements, distinct people)."
    ),
    ProgressReport.Measure.HIRES: _(
        "Graduates of the university hired (any contract but internship) by a party company in the "
        "agreement's period (Sakoo's placements, distinct people)."
    ),
    ProgressReport.Measure.TRAINING: _("Enrolments in Sakoo's training courses run under this agreement."),
}


@dataclass
class Progress:
    """Commitment against what was achieved, for one measure of one agreement.

    ``platform``: counted from Sakoo's records (see ``MEASURE_HELP``); ``reported``: the latest
    progress report of the measure (cumulative, reported by hand), ``None`` when there is none."""

    measure: str
    label: str
    committed: int
    platform: int = 0
    reported: int | None = None
    report: ProgressReport | None = None
    help: str = ""

    @property
    def achieved(self) -> int:
        return self.platform + (self.reported or 0)

    @property
    def ratio(self) -> float | None:
        return self.achieved / self.committed if self.committed else None


@dataclass
class AgreementProgress:
    agreement: Agreement
    ends_on: dt.date | None
    measures: list[Progress] = field(default_factory=list)

    def get(self, measure: str) -> Progress:
        return next(p for p in self.measures if p.measure == measure)


def _latest_reports(agreement_ids) -> dict[tuple[int, str], ProgressReport]:
    """The report that counts for each (agreement, measure): the latest by date, then by entry."""
    latest: dict[tuple[int, str], ProgressReport] = {}
    reports = ProgressReport.objects.filter(agreement_id__in=agreement_ids).select_related("reported_by")
    for report in reports.order_by("-as_of", "-pk"):
        latest.setdefault((report.agreement_id, report.measure), report)
    return latest


def agreements_progress(agreements, *, today: dt.date | None = None) -> list[AgreementProgress]:
    """Progress of each agreement, in a fixed number of queries (whatever the number of agreements)."""
    from sakoo.vacancies.models import Placement

    today = today or timezone.localdate()
    agreements = list(agreements)
    ids = [a.pk for a in agreements]
    party = defaultdict(set)
    for agreement_id, employer_id in Agreement.employers.through.objects.filter(
        agreement_id__in=ids
    ).values_list("agreement_id", "employer_id"):
        party[agreement_id].add(employer_id)
    all_employers = set().union(*party.values()) if party else set()
    placements = list(
        Placement.objects.filter(employer_id__in=all_employers, seeker__is_graduate=True).values_list(
            "employer_id", "seeker_id", "seeker__university", "hired_on", "contract_type"
        )
    )
    training = dict(
        Enrolment.objects.filter(course__agreement_id__in=ids)
        .values("course__agreement_id")
        .annotate(n=Count("pk"))
        .values_list("course__agreement_id", "n")
    )
    latest = _latest_reports(ids)
    out = []
    for agreement in agreements:
        ends_on = agreement_ends_on(agreement)
        interns: set[int] = set()
        hires: set[int] = set()
        if agreement.signed_on is not None:
            names = set(agreement.university.names())
            last = min(ends_on, today)
            for employer_id, seeker_id, university, hired_on, contract in placements:
                if employer_id not in party[agreement.pk] or university not in names:
                    continue
                if not agreement.signed_on <= hired_on <= last:
                    continue
                (interns if contract == INTERNSHIP else hires).add(seeker_id)
        committed = {
            ProgressReport.Measure.INTERNSHIPS: (agreement.internships_committed, len(interns)),
            ProgressReport.Measure.HIRES: (agreement.hires_committed, len(hires)),
            ProgressReport.Measure.TRAINING: (
                agreement.training_seats_committed,
                training.get(agreement.pk, 0),
            ),
        }
        row = AgreementProgress(agreement, ends_on)
        for measure, (committed_n, platform_n) in committed.items():
            report = latest.get((agreement.pk, measure))
            row.measures.append(
                Progress(
                    measure=measure,
                    label=ProgressReport.Measure(measure).label,
                    committed=committed_n,
                    platform=platform_n,
                    reported=report.number if report else None,
                    report=report,
                    help=MEASURE_HELP[measure],
                )
            )
        out.append(row)
    return out


def agreement_progress(agreement: Agreement, *, today: dt.date | None = None) -> AgreementProgress:
    return agreements_progress([agreement], today=today)[0]


def agreement_reports(agreement: Agreement) -> QuerySet[ProgressReport]:
    return agreement.reports.select_related("reported_by").order_by("-as_of", "-pk")


def latest_reports(agreement: Agreement) -> dict[str, ProgressReport]:
    """The report that counts for each measure of one agreement."""
    return {measure: report for (_pk, measure), report in _latest_reports([agreement.pk]).items()}


def earliest_report(agreement: Agreement) -> ProgressReport | None:
    """The progress report with the earliest "as of" date (the signing date cannot move past it)."""
    return agreement.reports.order_by("as_of", "pk").first()


# --- editing an agreement and its trail -------------------------------------------------------------

#: What an admin may change on an agreement after recording it (the status has its own form,
#: ``services.agreement_set_status``), in the order of the form.
AGREEMENT_EDITABLE_FIELDS = (
    "title",
    "university",
    "employers",
    "labour_office",
    "signed_on",
    "duration_months",
    "fields_of_study",
    "internships_committed",
    "hires_committed",
    "training_seats_committed",
)
#: Once an agreement has ended or was cancelled, its parties, dates and commitments are final (what was
#: achieved is counted against them); only its wording may still be corrected.
CLOSED_AGREEMENT_EDITABLE_FIELDS = ("title", "fields_of_study")
CLOSED_AGREEMENT_STATUSES = (Agreement.Status.ENDED, Agreement.Status.CANCELLED)
#: Each commitment and the measure its progress reports count.
COMMITMENT_MEASURES = {
    "internships_committed": ProgressReport.Measure.INTERNSHIPS,
    "hires_committed": ProgressReport.Measure.HIRES,
    "training_seats_committed": ProgressReport.Measure.TRAINING,
}


def agreement_is_closed(agreement: Agreement) -> bool:
    return agreement.status in CLOSED_AGREEMENT_STATUSES


def agreement_editable_fields(agreement: Agreement) -> tuple[str, ...]:
    """The fields of ``AGREEMENT_EDITABLE_FIELDS`` that may still change, given the agreement's status."""
    return CLOSED_AGREEMENT_EDITABLE_FIELDS if agreement_is_closed(agreement) else AGREEMENT_EDITABLE_FIELDS


@dataclass
class ChangedField:
    """One line of a change: the field's label and its value before and after, ready to show."""

    field: str
    label: str
    old: str
    new: str


@dataclass
class ChangeEntry:
    change: AgreementChange
    fields: list[ChangedField]


_NUMBER_FIELDS = {"duration_months", *COMMITMENT_MEASURES}


def _change_value(name: str, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if name == "signed_on":
        return format_jalali(dt.date.fromisoformat(value))
    if name in _NUMBER_FIELDS:
        return format_number(value)
    if isinstance(value, list):
        return "، ".join(str(v) for v in value)
    return str(value)


def _field_label(name: str) -> str:
    try:
        return capfirst(Agreement._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field since removed: its name is the best label left
        return name


def agreement_changes(agreement: Agreement) -> list[ChangeEntry]:
    """The agreement's edits, newest first, each with its fields before and after (one query)."""
    return [
        ChangeEntry(
            change=change,
            fields=[
                ChangedField(
                    field=item["field"],
                    label=_field_label(item["field"]),
                    old=_change_value(item["field"], item.get("old")),
                    new=_change_value(item["field"], item.get("new")),
                )
                for item in change.changes
            ],
        )
        for change in agreement.changes.select_related("changed_by").order_by("-changed_at", "-pk")
    ]


def province_agreement_summary(*, today: dt.date | None = None) -> dict:
    """Counts by status and, over agreements signed, active or ended, commitments against achieved."""
    counts = dict(Agreement.objects.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_status = {status: counts.get(status, 0) for status in Agreement.Status.values}
    counted = Agreement.objects.filter(
        status__in=(Agreement.Status.SIGNED, Agreement.Status.ACTIVE, Agreement.Status.ENDED)
    ).select_related("university")
    totals = {m: {"committed": 0, "platform": 0, "reported": 0} for m in ProgressReport.Measure.values}
    rows = agreements_progress(counted, today=today)
    for row in rows:
        for progress in row.measures:
            totals[progress.measure]["committed"] += progress.committed
            totals[progress.measure]["platform"] += progress.platform
            totals[progress.measure]["reported"] += progress.reported or 0
    return {"by_status": by_status, "agreements_counted": len(rows), "measures": totals}


# --- training courses ------------------------------------------------------------------------------


def _active_enrolments():
    return Count("enrolments", filter=~Q(enrolments__status=Enrolment.Status.DROPPED))


def public_courses(
    *,
    county_code: str = "",
    occupation: str = "",
    q: str = "",
    include_past: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Course]:
    """Published courses (not yet ended, unless ``include_past``), with ``taken`` seats annotated;
    those not started yet first, soonest first.

    ``occupation``: an ISCO-08 code or its prefix (``72`` finds every 72xx course); ``q``: words in the
    course's title or its occupation's Persian title."""
    from sakoo.core.text import normalize_text

    today = today or timezone.localdate()
    courses = (
        Course.objects.published()
        .select_related("provider", "county", "occupation")
        .annotate(taken=_active_enrolments())
    )
    if not include_past:
        courses = courses.filter(ends_on__gte=today)
    if county_code:
        courses = courses.filter(county__code=county_code)
    if occupation:
        courses = courses.filter(occupation__code__startswith=occupation)
    for word in normalize_text(q, multiline=False).split()[:5]:
        courses = courses.filter(Q(title__icontains=word) | Q(occupation__title_fa__icontains=word))
    started = Case(When(starts_on__lt=today, then=Value(1)), default=Value(0))
    return courses.annotate(started=started).order_by("started", "starts_on", "pk")


def is_open(course: Course, taken: int, *, today: dt.date | None = None) -> bool:
    """Enrolment is open until the day the course starts, while seats are left."""
    today = today or timezone.localdate()
    return course.is_published and course.starts_on >= today and taken < course.seats


def seats_taken(course: Course) -> int:
    return course.enrolments.exclude(status=Enrolment.Status.DROPPED).count()


def enrolments_of_seeker(seeker) -> QuerySet[Enrolment]:
    return seeker.enrolments.select_related("course", "course__provider", "course__county").order_by(
        "-course__starts_on", "-pk"
    )


def roster(course: Course) -> QuerySet[Enrolment]:
    return course.enrolments.select_related("seeker").order_by(
        "seeker__last_name", "seeker__first_name", "pk"
    )


@dataclass
class CourseOutcome:
    """For one course: ``enrolled`` (every enrolment, those who did not complete too), ``completed`` and
    ``placed``: completers with a placement hired from the course's last day to ``OUTCOME_WINDOW_DAYS``
    after it. ``window_closed``: the six months have passed, so ``placed`` is final."""

    course: Course
    enrolled: int = 0
    completed: int = 0
    placed: int = 0
    window_closed: bool = False

    @property
    def rate(self) -> float | None:
        return self.placed / self.completed if self.completed else None


@dataclass
class ProviderOutcome:
    provider: TrainingProvider
    courses: int = 0
    enrolled: int = 0
    completed: int = 0
    placed: int = 0

    @property
    def rate(self) -> float | None:
        return self.placed / self.completed if self.completed else None


def course_outcomes(courses, *, today: dt.date | None = None) -> list[CourseOutcome]:
    """Outcomes of the courses that have ended (by ``today``), in a fixed number of queries."""
    from sakoo.vacancies.models import Placement

    today = today or timezone.localdate()
    ended = [c for c in courses if c.ends_on <= today]
    ids = [c.pk for c in ended]
    counts = {
        row["course_id"]: row
        for row in Enrolment.objects.filter(course_id__in=ids)
        .values("course_id")
        .annotate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(status=Enrolment.Status.COMPLETED)),
        )
    }
    completers = Enrolment.objects.filter(course_id__in=ids, status=Enrolment.Status.COMPLETED)
    hired = defaultdict(list)
    for seeker_id, hired_on in Placement.objects.filter(
        seeker_id__in=completers.values("seeker_id")
    ).values_list("seeker_id", "hired_on"):
        hired[seeker_id].append(hired_on)
    placed = defaultdict(int)
    ends = {c.pk: c.ends_on for c in ended}
    for course_id, seeker_id in completers.values_list("course_id", "seeker_id"):
        end = ends[course_id]
        last = end + dt.timedelta(days=OUTCOME_WINDOW_DAYS)
        if any(end <= day <= last for day in hired[seeker_id]):
            placed[course_id] += 1
    out = []
    for course in ended:
        row = counts.get(course.pk, {})
        out.append(
            CourseOutcome(
                course=course,
                enrolled=row.get("enrolled", 0),
                completed=row.get("completed", 0),
                placed=placed[course.pk],
                window_closed=course.ends_on + dt.timedelta(days=OUTCOME_WINDOW_DAYS) < today,
            )
        )
    return out


def provider_outcomes(outcomes: list[CourseOutcome]) -> list[ProviderOutcome]:
    providers: dict[int, ProviderOutcome] = {}
    for outcome in outcomes:
        provider = outcome.course.provider
        row = providers.setdefault(provider.pk, ProviderOutcome(provider))
        row.courses += 1
        row.enrolled += outcome.enrolled
        row.completed += outcome.completed
        row.placed += outcome.placed
    return sorted(providers.values(), key=lambda r: r.provider.name)


PUBLIC_MEASURES = ("completed", "placed")


@dataclass
class PublicFigures:
    """Published outcomes: each count from 1 to 9 is ``None`` (with a second cell where a provider's
    total would reveal it); ``rate`` only when both counts are published."""

    courses: dict[int, dict] = field(default_factory=dict)  # course id → {"completed", "placed", "rate"}
    providers: dict[int, dict] = field(default_factory=dict)  # provider id → the same


def public_outcome_figures(outcomes: list[CourseOutcome]) -> PublicFigures:
    """The course and provider outcomes with small cells suppressed (``sakoo.core.disclosure``)."""
    by_provider = defaultdict(list)
    for outcome in outcomes:
        by_provider[outcome.course.provider_id].append(outcome.course.pk)
    margins = {f"provider:{pid}": cells for pid, cells in by_provider.items()}
    figures = PublicFigures()
    for outcome in outcomes:
        figures.courses[outcome.course.pk] = {}
    totals = {row.provider.pk: row for row in provider_outcomes(outcomes)}
    for pid in totals:
        figures.providers[pid] = {}
    for measure in PUBLIC_MEASURES:
        values = {o.course.pk: getattr(o, measure) for o in outcomes}
        result = suppress(values, margins) if values else None
        for outcome in outcomes:
            hidden = result is not None and outcome.course.pk in result.cells
            figures.courses[outcome.course.pk][measure] = None if hidden else values[outcome.course.pk]
        for pid, row in totals.items():
            total = getattr(row, measure)
            withheld = result is not None and f"provider:{pid}" in result.margins
            small = 0 < total < SUPPRESSION_THRESHOLD
            figures.providers[pid][measure] = None if (withheld or small) else total
    for cells in (*figures.courses.values(), *figures.providers.values()):
        done, placed = cells["completed"], cells["placed"]
        cells["rate"] = placed / done if done and placed is not None else None
    return figures
