"""Reads for the working group, and the one access rule for resolutions.

Province admins manage everything; province analysts (and superusers) read everything; agency officers see
and update the resolutions their agency owns or co-owns. Everyone else sees nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from sakoo.resolutions.models import Evidence, FollowUp, Meeting, Resolution

MANAGER_ROLES = {"province_admin"}
READER_ROLES = {"province_admin", "province_analyst"}
AGENCY_ROLES = {"agency_officer"}


def can_manage(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or getattr(user, "role", None) in MANAGER_ROLES))


def can_read_all(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or getattr(user, "role", None) in READER_ROLES))


def user_agency_ids(user) -> set[int]:
    if not user.is_authenticated or getattr(user, "role", None) not in AGENCY_ROLES:
        return set()
    from sakoo.accounts.scoping import user_organisation_ids

    return set(user_organisation_ids(user, "agency"))


def can_use_working_group(user) -> bool:
    return can_read_all(user) or bool(user_agency_ids(user))


def resolutions_for_user(user):
    queryset = Resolution.objects.select_related("meeting", "owner").prefetch_related("co_owners")
    if can_read_all(user):
        return queryset
    agency_ids = user_agency_ids(user)
    if agency_ids:
        return queryset.for_organisations(agency_ids)
    return queryset.none()


def meetings_for_user(user):
    queryset = Meeting.objects.annotate(resolution_count=Count("resolutions"))
    if can_read_all(user):
        return queryset
    agency_ids = user_agency_ids(user)
    if agency_ids:
        visible = Resolution.objects.for_organisations(agency_ids).values("meeting_id")
        return queryset.filter(pk__in=visible)
    return queryset.none()


def resolution_get_for_user(user, pk: int) -> Resolution:
    """The resolution if the user may see it, else 404."""
    resolution = (
        resolutions_for_user(user)
        .prefetch_related(
            Prefetch("follow_ups", queryset=FollowUp.objects.select_related("author")),
            Prefetch("evidence", queryset=Evidence.objects.select_related("uploaded_by")),
        )
        .filter(pk=pk)
        .first()
    )
    if resolution is None:
        raise Http404
    return resolution


def can_update(user, resolution: Resolution) -> bool:
    """Managers and the owner/co-owner agencies' officers may add follow-ups and evidence and change status."""
    if can_manage(user):
        return True
    agency_ids = user_agency_ids(user)
    if not agency_ids:
        return False
    return resolution.owner_id in agency_ids or any(co.pk in agency_ids for co in resolution.co_owners.all())


def meeting_get_for_user(user, pk: int) -> Meeting:
    meeting = meetings_for_user(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def evidence_get_for_user(user, pk: int) -> Evidence:
    evidence = Evidence.objects.select_related("resolution").filter(pk=pk).first()
    if evidence is None or not resolutions_for_user(user).filter(pk=evidence.resolution_id).exists():
        raise Http404
    return evidence


def overdue_resolutions(user=None, today: datetime.date | None = None):
    queryset = resolutions_for_user(user) if user is not None else Resolution.objects.select_related("meeting", "owner")
    return queryset.overdue(today).order_by("due_date", "pk")


def due_soon_resolutions(user=None, today: datetime.date | None = None):
    queryset = resolutions_for_user(user) if user is not None else Resolution.objects.select_related("meeting", "owner")
    return queryset.due_soon(today).order_by("due_date", "pk")


@dataclass
class AgencyRecord:
    organisation_id: int
    name: str
    total: int
    done: int
    done_on_time: int
    overdue: int
    open: int

    @property
    def on_time_rate(self) -> float | None:
        return self.done_on_time / self.done if self.done else None


def agency_delivery_records(user=None, today: datetime.date | None = None) -> list[AgencyRecord]:
    """Each owner agency's record: resolutions owned, done, done by the due date, overdue, still open."""
    today = today or timezone.localdate()
    queryset = Resolution.objects.all() if user is None else resolutions_for_user(user)
    from django.db.models import F

    rows = (
        queryset.order_by()
        .values("owner_id", "owner__name")
        .annotate(
            total=Count("pk", filter=~Q(status=Resolution.Status.CANCELLED)),
            done=Count("pk", filter=Q(status=Resolution.Status.DONE)),
            done_on_time=Count(
                "pk", filter=Q(status=Resolution.Status.DONE, closed_at__date__lte=F("due_date"))
            ),
            overdue=Count(
                "pk",
                filter=Q(status__in=[Resolution.Status.OPEN, Resolution.Status.IN_PROGRESS], due_date__lt=today),
            ),
            open=Count("pk", filter=Q(status__in=[Resolution.Status.OPEN, Resolution.Status.IN_PROGRESS])),
        )
        .order_by("owner__name")
    )
    return [
        AgencyRecord(
            organisation_id=row["owner_id"],
            name=row["owner__name"],
            total=row["total"],
            done=row["done"],
            done_on_time=row["done_on_time"],
            overdue=row["overdue"],
            open=row["open"],
        )
        for row in rows
    ]
