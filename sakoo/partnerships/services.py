"""Writes for partnerships and skills training: keyword-only ``<entity>_<action>`` functions, each
validated in full before anything is written, inside a transaction. Pages, the demo command and tests
all call these."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from sakoo.core.forms import normalize_model_text
from sakoo.core.jalali import format_jalali
from sakoo.core.text import format_number, normalize_text
from sakoo.partnerships import selectors
from sakoo.partnerships.models import (
    Agreement,
    AgreementChange,
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


def _agreement_rule_errors(
    *,
    employers: list,
    labour_office,
    signed_on: dt.date | None,
    status: str,
    internships_committed: int,
    hires_committed: int,
    training_seats_committed: int,
) -> dict[str, list[str]]:
    """The rules an agreement meets whether it is being recorded or edited, all of them at once."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not employers:
        add("employers", _("Companies: name at least one company that is a party."))
    if labour_office.kind != "agency":
        add("labour_office", _("Labour office: choose the province's labour office."))
    if status not in (Agreement.Status.DRAFT, Agreement.Status.CANCELLED) and signed_on is None:
        add("signed_on", _("Signed on: enter the date the agreement was signed."))
    if signed_on is not None and signed_on > timezone.localdate():
        add("signed_on", _("Signed on: the date cannot be in the future."))
    if internships_committed + hires_committed + training_seats_committed == 0:
        add(
            NON_FIELD_ERRORS,
            _("Commitments: enter at least one number of internships, hires or training seats."),
        )
    return errors


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
    errors = _agreement_rule_errors(
        employers=employers,
        labour_office=labour_office,
        signed_on=signed_on,
        status=status,
        internships_committed=internships_committed,
        hires_committed=hires_committed,
        training_seats_committed=training_seats_committed,
    )
    if errors:
        raise ValidationError(errors)
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


def _comparable(name: str, value):
    """A field's value in a form that compares equal when nothing changed (companies as a set of ids)."""
    if name == "employers":
        return frozenset(e.pk for e in value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _trail_value(name: str, value):
    """A field's value as the change record keeps it: JSON, names rather than ids."""
    if name == "employers":
        return sorted(e.name for e in value)
    if isinstance(value, models.Model):
        return str(value.name)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@transaction.atomic
def agreement_update(
    *, agreement: Agreement, changed_by, reason: str = "", **values
) -> AgreementChange | None:
    """Correct an agreement or record a renegotiated commitment; the change is kept, with who made it,
    when and why, as an ``AgreementChange`` (field, before, after).

    ``values`` holds any of ``selectors.AGREEMENT_EDITABLE_FIELDS`` (those left out stay as they are).
    Returns ``None`` when nothing differs from what is stored (nothing is written). Refused, naming the
    field, with nothing written:

    * the rules of ``agreement_create`` (at least one company, the labour office an agency, a signing
      date unless a draft, not in the future, at least one commitment) and the model's own (duration);
    * an agreement that has ended or was cancelled keeps its parties, dates and commitments: only its
      title and fields of study may be corrected;
    * the signing date cannot move past the earliest progress report's date;
    * a commitment can be lowered, but not below the latest figure reported by hand for its measure
      (Sakoo's own count is not used: it follows the parties and the period, which the same edit may
      change);
    * a reason is required whenever something changes.
    """
    unknown = set(values) - set(selectors.AGREEMENT_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"agreement_update() cannot change {sorted(unknown)}")
    agreement = (
        Agreement.objects.select_for_update()
        .select_related("university", "labour_office")
        .get(pk=agreement.pk)
    )
    before = {
        name: list(agreement.employers.order_by("name")) if name == "employers" else getattr(agreement, name)
        for name in selectors.AGREEMENT_EDITABLE_FIELDS
    }
    after = before | values
    for name in ("title", "fields_of_study"):
        after[name] = normalize_text(after[name] or "")
    reason = normalize_text(reason or "")
    changed = [
        name
        for name in selectors.AGREEMENT_EDITABLE_FIELDS
        if _comparable(name, before[name]) != _comparable(name, after[name])
    ]
    if not changed:
        return None

    errors = _agreement_rule_errors(
        employers=after["employers"],
        labour_office=after["labour_office"],
        signed_on=after["signed_on"],
        status=agreement.status,
        internships_committed=after["internships_committed"],
        hires_committed=after["hires_committed"],
        training_seats_committed=after["training_seats_committed"],
    )

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    allowed = selectors.agreement_editable_fields(agreement)
    for name in changed:
        if name not in allowed:
            label = capfirst(Agreement._meta.get_field(name).verbose_name)
            add(
                name,
                _(
                    "%(field)s: the agreement is “%(status)s”; its parties, dates and commitments are final, "
                    "only its title and fields of study can be corrected."
                )
                % {"field": label, "status": agreement.get_status_display()},
            )
    if "signed_on" in changed and after["signed_on"] is not None:
        first = selectors.earliest_report(agreement)
        if first is not None and first.as_of < after["signed_on"]:
            add(
                "signed_on",
                _(
                    "Signed on: a progress report is dated %(date)s, so the agreement was signed on or "
                    "before that day."
                )
                % {"date": format_jalali(first.as_of)},
            )
    latest = selectors.latest_reports(agreement)
    for name, measure in selectors.COMMITMENT_MEASURES.items():
        report = latest.get(measure)
        lowered = name in changed and after[name] < before[name]
        if lowered and report is not None and after[name] < report.number:
            add(
                name,
                _(
                    "%(field)s: %(number)s were already reported (as of %(date)s); the commitment cannot "
                    "be lowered below that."
                )
                % {
                    "field": capfirst(Agreement._meta.get_field(name).verbose_name),
                    "number": format_number(report.number),
                    "date": format_jalali(report.as_of),
                },
            )
    if not reason:
        add("reason", _("Reason for the change: say why, such as a typo or the addendum that changed it."))
    if errors:
        raise ValidationError(errors)

    for name in changed:
        if name != "employers":
            setattr(agreement, name, after[name])
    agreement.full_clean()
    change = AgreementChange(
        agreement=agreement,
        changes=[
            {"field": name, "old": _trail_value(name, before[name]), "new": _trail_value(name, after[name])}
            for name in changed
        ],
        reason=reason,
        changed_by=changed_by,
    )
    change.full_clean()
    fields = [name for name in changed if name != "employers"]
    if fields:
        agreement.save(update_fields=fields)
    if "employers" in changed:
        agreement.employers.set(after["employers"])
    change.save()
    return change


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
