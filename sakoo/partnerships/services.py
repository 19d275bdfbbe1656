"""Writes for partnerships and skills training: keyword-only ``<entity>_<action>`` functions, each
validated in full before anything is written, inside a transaction. Pages, the demo command and tests
all call these."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakoo.core.forms import normalize_model_text
from sakoo.partnerships import selectors
from sakoo.partnerships.models import (
    Agreement,
    Course,
    Enrolment,
    ProgressReport,
    TrainingProvider,
    University,
)

#: Status changes an admin may make (an agreement is drafted, signed, takes effect, ends; any agreement
#: not ended may be cancelled).
STATUS_MOVES = {
    Agreement.Status.DRAFT: {Agreement.Status.SIGNED, Agreement.Status.CANCELLED},
    Agreement.Status.SIGNED: {Agreement.Status.ACTIVE, Agreement.Status.CANCELLED},
    Agreement.Status.ACTIVE: {Agreement.Status.ENDED, Agreement.Status.CANCELLED},
    Agreement.Status.ENDED: set(),
    Agreement.Status.CANCELLED: set(),
}


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


# --- universities and providers --------------------------------------------------------------------


@transaction.atomic
def university_create(*, name: str, county, short_name: str = "", aliases: str = "") -> University:
    university = University(name=name, short_name=short_name, county=county, aliases=aliases)
    normalize_model_text(university, "name", "short_name", "aliases")
    university.full_clean()
    university.save()
    return university


@transaction.atomic
def training_provider_create(*, name: str, kind: str, organisation) -> TrainingProvider:
    if organisation.kind != "agency":
        raise _error("organisation", _("A training provider's staff belong to an agency organisation."))
    provider = TrainingProvider(name=name, kind=kind, organisation=organisation)
    normalize_model_text(provider, "name")
    provider.full_clean()
    provider.save()
    return provider


# --- agreements ------------------------------------------------------------------------------------


@transaction.atomic
def agreement_create(
    *,
    title: str,
    university: University,
    employers: list,
    labour_office,
    signed_on: dt.date | None,
    duration_months: int,
    fields_of_study: str = "",
    internships_committed: int = 0,
    hires_committed: int = 0,
    training_seats_committed: int = 0,
    status: str = Agreement.Status.DRAFT,
    created_by=None,
) -> Agreement:
    """Record a tripartite agreement: a university, one or more companies and the labour office."""
    if not employers:
        raise _error("employers", _("Companies: name at least one company that is a party."))
    if labour_office.kind != "agency":
        raise _error("labour_office", _("Labour office: choose the province's labour office."))
    if status not in (Agreement.Status.DRAFT, Agreement.Status.CANCELLED) and signed_on is None:
        raise _error("signed_on", _("Signed on: enter the date the agreement was signed."))
    if signed_on is not None and signed_on > timezone.localdate():
        raise _error("signed_on", _("Signed on: the date cannot be in the future."))
    if internships_committed + hires_committed + training_seats_committed == 0:
        raise _error(
            NON_FIELD_ERRORS,
            _("Commitments: enter at least one number of internships, hires or training seats."),
        )
    agreement = Agreement(
        title=title,
        university=university,
        labour_office=labour_office,
        signed_on=signed_on,
        duration_months=duration_months,
        fields_of_study=fields_of_study,
        internships_committed=internships_committed,
        hires_committed=hires_committed,
        training_seats_committed=training_seats_committed,
        status=status,
        created_by=created_by,
    )
    normalize_model_text(agreement, "title", "fields_of_study")
    agreement.full_clean()
    agreement.save()
    agreement.employers.set(employers)
    return agreement


@transaction.atomic
def agreement_set_status(*, agreement: Agreement, status: str, signed_on: dt.date | None = None) -> Agreement:
    """Move an agreement along draft → signed → active → ended (or cancel it)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if status not in Agreement.Status.values:
        raise _error("status", _("Status: choose a status."))
    if status == agreement.status:
        return agreement
    if status not in STATUS_MOVES[agreement.status]:
        raise _error(
            "status",
            _("Status: an agreement that is “%(current)s” cannot become “%(wanted)s”.")
            % {"current": agreement.get_status_display(), "wanted": Agreement.Status(status).label},
        )
    if signed_on is not None:
        if signed_on > timezone.localdate():
            raise _error("signed_on", _("Signed on: the date cannot be in the future."))
        agreement.signed_on = signed_on
    if status == Agreement.Status.SIGNED and agreement.signed_on is None:
        raise _error("signed_on", _("Signed on: enter the date the agreement was signed."))
    agreement.status = status
    agreement.full_clean()
    agreement.save(update_fields=["status", "signed_on"])
    return agreement


@transaction.atomic
def progress_report_add(
    *, agreement: Agreement, measure: str, number: int, as_of: dt.date, note: str, reported_by
) -> ProgressReport:
    """A dated, attributed figure for one measure (cumulative so far); the latest one counts."""
    if agreement.status in (Agreement.Status.DRAFT, Agreement.Status.CANCELLED):
        raise ValidationError(_("Progress is reported only for a signed agreement."))
    if as_of > timezone.localdate():
        raise _error("as_of", _("As of: the date cannot be in the future."))
    if agreement.signed_on and as_of < agreement.signed_on:
        raise _error("as_of", _("As of: the date is before the agreement was signed."))
    report = ProgressReport(
        agreement=agreement,
        measure=measure,
        number=number,
        as_of=as_of,
        note=note,
        reported_by=reported_by,
    )
    normalize_model_text(report, "note")
    report.full_clean()
    report.save()
    return report


# --- courses and enrolments ------------------------------------------------------------------------


@transaction.atomic
def course_create(
    *,
    provider: TrainingProvider,
    title: str,
    occupation,
    county,
    starts_on: dt.date,
    ends_on: dt.date,
    seats: int,
    hours: int,
    agreement: Agreement | None = None,
    is_published: bool = True,
) -> Course:
    if ends_on < starts_on:
        raise _error("ends_on", _("End date: the course cannot end before it starts."))
    course = Course(
        provider=provider,
        title=title,
        occupation=occupation,
        county=county,
        starts_on=starts_on,
        ends_on=ends_on,
        seats=seats,
        hours=hours,
        agreement=agreement,
        is_published=is_published,
    )
    normalize_model_text(course, "title")
    course.full_clean()
    course.save()
    return course


def enrolment_create(*, course: Course, seeker, today: dt.date | None = None) -> Enrolment:
    """A job seeker enrols in an open course (published, not started yet, with a seat left)."""
    try:
        with transaction.atomic():
            return _enrolment_create(course=course, seeker=seeker, today=today)
    except IntegrityError as exc:  # the same seeker twice at once: the unique constraint decides
        raise _error("course", _("You are already enrolled in this course.")) from exc


def _enrolment_create(*, course: Course, seeker, today: dt.date | None) -> Enrolment:
    today = today or timezone.localdate()
    course = Course.objects.select_for_update().get(pk=course.pk)
    if Enrolment.objects.filter(course=course, seeker=seeker).exists():
        raise _error("course", _("You are already enrolled in this course."))
    if not course.is_published or course.starts_on < today:
        raise _error("course", _("Enrolment in this course is closed: it has started."))
    if selectors.seats_taken(course) >= course.seats:
        raise _error("course", _("Enrolment in this course is closed: every seat is taken."))
    enrolment = Enrolment(course=course, seeker=seeker, enrolled_on=today)
    enrolment.full_clean(validate_constraints=False)
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_mark(*, enrolment: Enrolment, status: str, by, today: dt.date | None = None) -> Enrolment:
    """The provider's staff record whether a trainee completed the course (on or after its end)."""
    today = today or timezone.localdate()
    if status not in Enrolment.Status.values:
        raise _error("status", _("Status: choose completed or did not complete."))
    if status == Enrolment.Status.COMPLETED and enrolment.course.ends_on > today:
        raise _error("status", _("Status: completion is recorded once the course has ended."))
    enrolment.status = status
    enrolment.marked_by = by
    enrolment.marked_at = timezone.now()
    enrolment.full_clean(validate_constraints=False)
    enrolment.save(update_fields=["status", "marked_by", "marked_at"])
    return enrolment
