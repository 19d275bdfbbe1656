"""Reads for employment cooperatives: who may see what, lists, and the figures.

Who may see what (one access-checked fetch helper per object kind, 404 outside the scope):

* a **cooperative** and its **applications**: the users of its employer (employer members), the county
  officers of its county, province analysts and admins;
* an **agency officer**: the applications for items their agency is responsible for (and the
  cooperatives that made them);
* everyone else: nothing (the pages answer 403 for their role).

Reviewing (start, approve, reject) is for county officers of the cooperative's county and province
admins; recording delivery also for the responsible agency's officers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from sakoo.accounts.models import Role
from sakoo.accounts.scoping import (
    get_scoped_or_404,
    has_role,
    is_province_staff,
    user_county_ids,
    user_organisation_ids,
)
from sakoo.cooperatives.models import (
    Application,
    Cooperative,
    FollowUp,
    JobsReport,
    MembersReport,
    Sector,
    Status,
    SupportItem,
    Unit,
)

READER_ROLES = (
    Role.EMPLOYER,
    Role.COUNTY_OFFICER,
    Role.AGENCY_OFFICER,
    Role.PROVINCE_ANALYST,
    Role.PROVINCE_ADMIN,
)
STAFF_READER_ROLES = (Role.COUNTY_OFFICER, Role.AGENCY_OFFICER, Role.PROVINCE_ANALYST, Role.PROVINCE_ADMIN)
REVIEWER_ROLES = (Role.COUNTY_OFFICER, Role.PROVINCE_ADMIN)
DELIVERY_ROLES = (Role.COUNTY_OFFICER, Role.PROVINCE_ADMIN, Role.AGENCY_OFFICER)
REPORTER_ROLES = (Role.EMPLOYER, Role.COUNTY_OFFICER, Role.PROVINCE_ADMIN)


# --- scope -----------------------------------------------------------------------------------------


def _agency_ids(user) -> set[int]:
    return user_organisation_ids(user, "agency")


def cooperative_scope(user) -> Q | None:
    """The Q over Cooperative of those the user may see; ``None`` = all."""
    if user.is_superuser or is_province_staff(user):
        return None
    if has_role(user, Role.EMPLOYER):
        return Q(employer__organisation_id__in=user_organisation_ids(user, "employer"))
    if has_role(user, Role.COUNTY_OFFICER):
        return Q(county_id__in=user_county_ids(user))
    if has_role(user, Role.AGENCY_OFFICER):
        applied = Application.objects.filter(item__agency_id__in=_agency_ids(user)).values("cooperative_id")
        return Q(pk__in=applied)
    return Q(pk__in=[])


def application_scope(user) -> Q | None:
    """The Q over Application of those the user may see; ``None`` = all."""
    if user.is_superuser or is_province_staff(user):
        return None
    if has_role(user, Role.EMPLOYER):
        return Q(cooperative__employer__organisation_id__in=user_organisation_ids(user, "employer"))
    if has_role(user, Role.COUNTY_OFFICER):
        return Q(cooperative__county_id__in=user_county_ids(user))
    if has_role(user, Role.AGENCY_OFFICER):
        return Q(item__agency_id__in=_agency_ids(user))
    return Q(pk__in=[])


def _filtered(queryset: QuerySet, scope: Q | None) -> QuerySet:
    return queryset if scope is None else queryset.filter(scope)


def _jobs_now():
    latest = JobsReport.objects.filter(cooperative_id=OuterRef("pk")).order_by("-reported_on", "-pk")
    return Coalesce(Subquery(latest.values("jobs")[:1]), Value(0), output_field=IntegerField())


def _jobs_created():
    latest = FollowUp.objects.filter(application_id=OuterRef("pk")).order_by("-reported_on", "-pk")
    return Subquery(latest.values("jobs_created")[:1], output_field=IntegerField())


def cooperatives_for_user(user) -> QuerySet[Cooperative]:
    return _filtered(
        Cooperative.objects.select_related("employer", "county").annotate(jobs_now=_jobs_now()),
        cooperative_scope(user),
    )


def applications_for_user(user) -> QuerySet[Application]:
    return _filtered(
        Application.objects.select_related(
            "cooperative", "cooperative__employer", "cooperative__county", "item"
        )
        .annotate(jobs_created=_jobs_created())
        .order_by("-submitted_on", "-pk"),
        application_scope(user),
    )


# --- access-checked fetch helpers ------------------------------------------------------------------


def get_cooperative_for_user(request, pk) -> Cooperative:
    """A cooperative the user may see, else 404."""
    return get_scoped_or_404(
        Cooperative.objects.select_related("employer", "county").annotate(jobs_now=_jobs_now()),
        scope=cooperative_scope(request.user),
        lookup={"pk": pk},
        request=request,
    )


def get_application_for_user(request, pk) -> Application:
    """A support application the user may see, else 404."""
    return get_scoped_or_404(
        Application.objects.select_related(
            "cooperative", "cooperative__employer", "cooperative__county", "item", "item__agency"
        ).annotate(jobs_created=_jobs_created()),
        scope=application_scope(request.user),
        lookup={"pk": pk},
        request=request,
    )


# --- what the user may do --------------------------------------------------------------------------


def is_member(user, cooperative: Cooperative) -> bool:
    """The user is one of the cooperative's own users (a member of its employer organisation)."""
    return has_role(user, Role.EMPLOYER) and cooperative.employer.organisation_id in user_organisation_ids(
        user, "employer"
    )


def can_review(user, application: Application) -> bool:
    if user.is_superuser or has_role(user, Role.PROVINCE_ADMIN):
        return True
    return has_role(user, Role.COUNTY_OFFICER) and application.cooperative.county_id in user_county_ids(user)


def can_deliver(user, application: Application) -> bool:
    if can_review(user, application):
        return True
    return has_role(user, Role.AGENCY_OFFICER) and application.item.agency_id in _agency_ids(user)


def can_report(user, cooperative: Cooperative) -> bool:
    """Jobs reports, members reports and follow-ups: the cooperative's users, its county officers,
    province admins."""
    if user.is_superuser or has_role(user, Role.PROVINCE_ADMIN):
        return True
    if has_role(user, Role.COUNTY_OFFICER):
        return cooperative.county_id in user_county_ids(user)
    return is_member(user, cooperative)


# --- reads -----------------------------------------------------------------------------------------


def employers_to_register(user):
    """The user's employers flagged as cooperatives that have no cooperative profile yet."""
    from sakoo.employers.models import Employer

    if not has_role(user, Role.EMPLOYER):
        return Employer.objects.none()
    return Employer.objects.filter(
        organisation_id__in=user_organisation_ids(user, "employer"),
        is_cooperative=True,
        cooperative__isnull=True,
    ).select_related("county")


def active_items() -> QuerySet[SupportItem]:
    return SupportItem.objects.filter(is_active=True).select_related("agency", "program")


def jobs_reports(cooperative: Cooperative) -> QuerySet[JobsReport]:
    return cooperative.jobs_reports.select_related("reported_by").order_by("-reported_on", "-pk")


def members_reports(cooperative: Cooperative) -> QuerySet[MembersReport]:
    """The cooperative's members reports, the latest first (by date, then by entry)."""
    return cooperative.members_reports.select_related("reported_by").order_by("-reported_on", "-pk")


def registered_on(cooperative: Cooperative) -> dt.date:
    """The day the cooperative was registered: the date of its first members report (written by the
    registration, or by migration 0003 for profiles made before members reports existed), else the
    local day its profile was created. No members report may be dated earlier."""
    first = cooperative.members_reports.order_by("reported_on", "pk").values_list("reported_on", flat=True)
    day = first.first()
    if day is not None:
        return day
    return timezone.localdate(cooperative.created_at) if cooperative.created_at else timezone.localdate()


def applications_of(cooperative: Cooperative) -> QuerySet[Application]:
    return (
        cooperative.applications.select_related("item")
        .annotate(jobs_created=_jobs_created())
        .order_by("-submitted_on", "-pk")
    )


def steps_of(application: Application):
    return application.steps.select_related("by").order_by("on", "pk")


def follow_ups_of(application: Application):
    return application.follow_ups.select_related("reported_by").order_by("-reported_on", "-pk")


# --- figures ---------------------------------------------------------------------------------------

DEFINITIONS = {
    "cooperatives": "cooperatives with a profile in Sakoo (employers flagged as cooperatives)",
    "members_male": "male members: each cooperative's latest dated members report",
    "members_female": "female members: each cooperative's latest dated members report",
    "jobs": "current employees of the cooperatives: each cooperative's latest dated jobs report",
    "applications": "support applications made (every status)",
    "approved": "applications approved or delivered",
    "delivered": "applications delivered",
    "approved_rials": "rials approved for items counted in rials (approved or delivered applications)",
    "delivered_rials": "rials delivered for items counted in rials",
    "jobs_promised": "jobs the cooperatives' plans promised, in approved or delivered applications",
    "jobs_created": "jobs the support created: the latest follow-up of each approved or delivered application",
}


@dataclass
class Figures:
    """Counts for a group of cooperatives (a county, a sector, a county × sector cell, the province)."""

    cooperatives: int = 0
    members_male: int = 0
    members_female: int = 0
    jobs: int = 0
    applications: int = 0
    approved: int = 0
    delivered: int = 0
    approved_rials: int = 0
    delivered_rials: int = 0
    jobs_promised: int = 0
    jobs_created: int = 0
    key: object = None
    label: str = ""
    extra: dict = field(default_factory=dict)

    COUNT_FIELDS = tuple(DEFINITIONS)

    @property
    def members(self) -> int:
        return self.members_male + self.members_female

    def add(self, other: Figures) -> None:
        for name in self.COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _group_key(by: str, county_id: int, sector: str):
    return {"county": county_id, "sector": sector, "cell": (county_id, sector)}[by]


def figures(cooperatives: QuerySet[Cooperative], by: str = "county", applications: Q | None = None) -> dict:
    """Figures grouped ``by`` "county", "sector" or "cell" (county × sector), over the given
    cooperatives and, if given, only the applications matching ``applications`` (an agency officer's
    scope), in three queries. Keys are county ids, sector codes or (county id, sector)."""
    out: dict = {}
    rows = (
        cooperatives.order_by()
        .annotate(jobs_now=_jobs_now())
        .values("pk", "county_id", "sector", "members_male", "members_female", "jobs_now")
    )
    group_of = {}
    for row in rows:
        key = _group_key(by, row["county_id"], row["sector"])
        group_of[row["pk"]] = key
        f = out.setdefault(key, Figures(key=key))
        f.cooperatives += 1
        f.members_male += row["members_male"]
        f.members_female += row["members_female"]
        f.jobs += row["jobs_now"]
    if not group_of:
        return out
    won = Q(status__in=[Status.APPROVED, Status.DELIVERED])
    rials = Q(item__unit=Unit.RIALS)
    scoped = Application.objects.filter(cooperative_id__in=cooperatives.order_by().values("pk"))
    if applications is not None:
        scoped = scoped.filter(applications)
    apps = (
        scoped.order_by()
        .values("cooperative_id")
        .annotate(
            n=Count("pk"),
            approved=Count("pk", filter=won),
            delivered=Count("pk", filter=Q(status=Status.DELIVERED)),
            approved_rials=Coalesce(Sum("amount_approved", filter=won & rials), 0),
            delivered_rials=Coalesce(Sum("amount_delivered", filter=Q(status=Status.DELIVERED) & rials), 0),
            jobs_promised=Coalesce(Sum("jobs_promised", filter=won), 0),
        )
    )
    for row in apps:
        f = out[group_of[row["cooperative_id"]]]
        f.applications += row["n"]
        f.approved += row["approved"]
        f.delivered += row["delivered"]
        f.approved_rials += row["approved_rials"]
        f.delivered_rials += row["delivered_rials"]
        f.jobs_promised += row["jobs_promised"]
    created = (
        scoped.filter(won)
        .annotate(jobs_created=_jobs_created())
        .values_list("cooperative_id", "jobs_created")
    )
    for cooperative_id, jobs in created:
        out[group_of[cooperative_id]].jobs_created += jobs or 0
    return out


def total(groups: dict) -> Figures:
    out = Figures(key="total")
    for f in groups.values():
        out.add(f)
    return out


def province_cooperatives() -> QuerySet[Cooperative]:
    from django.conf import settings

    return Cooperative.objects.filter(county__province__code=settings.SAKOO_PROVINCE)


def sector_labels() -> dict[str, str]:
    return {code: str(label) for code, label in Sector.choices}


def overdue(application: Application, today: dt.date) -> bool:
    return (
        application.status == Status.APPROVED
        and application.deadline is not None
        and application.deadline < today
    )
