"""Writes for vacancies, applications, hires (placements), saved vacancies/searches and reports.

The one write path for pages, the API and commands. Publishing and closing keep the search index (owned by
``sakoo.search``) in step, after the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakoo.accounts.models import Role
from sakoo.employers.models import Employer
from sakoo.seekers.models import EDUCATION_RANK, GRADUATE_LEVELS, EmploymentStatus, JobSeeker
from sakoo.seekers.services import seeker_set_status
from sakoo.vacancies.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Message,
    Notification,
    Placement,
    PlacementSource,
    SavedSearch,
    SavedVacancy,
    SexRequirement,
    Vacancy,
    VacancyReport,
    VacancyStatus,
)

logger = logging.getLogger(__name__)

DUPLICATE_WINDOW_DAYS = 30
DEFAULT_LIFETIME_DAYS = 30
MAX_LIFETIME_DAYS = 120

VACANCY_FIELDS = (
    "title",
    "description",
    "occupation",
    "county",
    "city",
    "contract_type",
    "hours_per_week",
    "remote",
    "wage_min",
    "wage_max",
    "education_required",
    "field_required",
    "experience_years",
    "openings",
    "insurance_provided",
    "sex_requirement",
    "sex_requirement_reason",
    "marked_it",
    "expires_on",
)
TEXT_FIELDS = ("title", "description", "city", "field_required", "sex_requirement_reason")

#: Moves an employer may make (hired goes through ``placement_record``).
APPLICATION_MOVES = {
    ApplicationStatus.SUBMITTED: {
        ApplicationStatus.SEEN,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.OFFERED,
        ApplicationStatus.REJECTED,
    },
    ApplicationStatus.SEEN: {
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.OFFERED,
        ApplicationStatus.REJECTED,
    },
    ApplicationStatus.SHORTLISTED: {
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.OFFERED,
        ApplicationStatus.REJECTED,
    },
    ApplicationStatus.INTERVIEW: {
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.OFFERED,
        ApplicationStatus.REJECTED,
    },
    ApplicationStatus.OFFERED: {ApplicationStatus.REJECTED},
    ApplicationStatus.REJECTED: {ApplicationStatus.SHORTLISTED},
    ApplicationStatus.HIRED: set(),
    ApplicationStatus.WITHDRAWN: set(),
}
HIREABLE = {
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.SEEN,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.OFFERED,
}
EXTERNAL_HIRE_ROLES = {
    Role.EMPLOYER,
    Role.AGENCY_OFFICER,
    Role.COUNTY_OFFICER,
    Role.LABOUR_SQUARE_COORDINATOR,
    Role.PROVINCE_ADMIN,
}


# --- search index hooks -------------------------------------------------------------------------------


def vacancy_is_public(vacancy: Vacancy) -> bool:
    return vacancy.status == VacancyStatus.PUBLISHED and vacancy.employer.verified_at is not None


def vacancy_sync_index(vacancy_id: int) -> None:
    """Queue the vacancy for the search index inside the current transaction (the search app decides from
    the database, when it processes the queue, whether to add, update or remove it).

    Calls ``sakoo.search.services.index_vacancy`` (public) or ``remove_vacancy`` when they exist.
    """
    try:
        from sakoo.search import services as search_services
    except ImportError:
        return
    vacancy = Vacancy.objects.select_related("employer").filter(pk=vacancy_id).first()
    public = vacancy is not None and vacancy_is_public(vacancy)
    func = getattr(search_services, "index_vacancy" if public else "remove_vacancy", None)
    if func is None:
        return
    try:
        with transaction.atomic():
            func(vacancy_id)
    except Exception:  # the index is a cache: the database stays right, a rebuild repairs it
        logger.exception("search index update failed for vacancy %s", vacancy_id)


# --- vacancies ----------------------------------------------------------------------------------------


def _normalise(fields: dict) -> dict:
    from sakoo.core.text import normalize_text

    out = dict(fields)
    for name in TEXT_FIELDS:
        if isinstance(out.get(name), str):
            out[name] = normalize_text(out[name], multiline=name == "description").strip()
    return out


def _derive(vacancy: Vacancy) -> None:
    from sakoo.core.text import search_key

    vacancy.title_key = search_key(vacancy.title)[:200]
    code = vacancy.occupation.code if vacancy.occupation_id else ""
    vacancy.is_it = bool(
        vacancy.marked_it or code[:2] in {"25", "35"} or (vacancy.occupation_id and vacancy.occupation.is_it)
    )
    vacancy.is_knowledge_based = vacancy.employer.is_knowledge_based
    vacancy.is_graduate_targeted = vacancy.education_required in GRADUATE_LEVELS
    if vacancy.sex_requirement == SexRequirement.NONE:
        vacancy.sex_requirement_reason = vacancy.sex_requirement_reason or ""


def _validate_dates(vacancy: Vacancy) -> None:
    if vacancy.expires_on is not None:
        today = timezone.localdate()
        if vacancy.expires_on < today:
            raise ValidationError({"expires_on": _("The expiry date is in the past.")})
        if vacancy.expires_on > today + dt.timedelta(days=MAX_LIFETIME_DAYS):
            raise ValidationError(
                {
                    "expires_on": _("A vacancy can stay open at most %(days)s days.")
                    % {"days": MAX_LIFETIME_DAYS}
                }
            )


def find_duplicate(vacancy: Vacancy) -> Vacancy | None:
    """Same employer, same normalised title and county, posted within the last 30 days."""
    since = timezone.now() - dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    return (
        Vacancy.objects.filter(
            employer_id=vacancy.employer_id,
            title_key=vacancy.title_key,
            county_id=vacancy.county_id,
            created_at__gte=since,
        )
        .exclude(pk=vacancy.pk)
        .order_by("-created_at")
        .first()
    )


def _flag_duplicate(vacancy: Vacancy) -> None:
    duplicate = find_duplicate(vacancy)
    vacancy.duplicate_of = duplicate
    if duplicate is not None:
        vacancy.needs_moderation = True


@transaction.atomic
def vacancy_create(*, employer: Employer, by=None, **fields) -> Vacancy:
    """Create a draft vacancy. A likely duplicate is allowed but flagged (``vacancy.duplicate_of``)."""
    unknown = set(fields) - set(VACANCY_FIELDS)
    if unknown:
        raise TypeError(f"vacancy_create() got unknown fields {sorted(unknown)}")
    vacancy = Vacancy(employer=employer, created_by=by, status=VacancyStatus.DRAFT, **_normalise(fields))
    _derive(vacancy)
    _validate_dates(vacancy)
    vacancy.full_clean()
    _flag_duplicate(vacancy)
    vacancy.save()
    return vacancy


@transaction.atomic
def vacancy_update(*, vacancy: Vacancy, by=None, **fields) -> Vacancy:
    """Edit a vacancy. Editing a published vacancy sends it back to review (and out of search)."""
    if vacancy.status not in {VacancyStatus.DRAFT, VacancyStatus.PENDING_REVIEW, VacancyStatus.PUBLISHED}:
        raise ValidationError(_("A filled, expired or closed vacancy cannot be edited."))
    unknown = set(fields) - set(VACANCY_FIELDS)
    if unknown:
        raise TypeError(f"vacancy_update() got unknown fields {sorted(unknown)}")
    for name, value in _normalise(fields).items():
        setattr(vacancy, name, value)
    _derive(vacancy)
    _validate_dates(vacancy)
    vacancy.full_clean()
    if vacancy.filled_count > vacancy.openings:
        raise ValidationError({"openings": _("More openings are already filled than this number.")})
    was_published = vacancy.status == VacancyStatus.PUBLISHED
    if was_published:
        vacancy.status = VacancyStatus.PENDING_REVIEW
    _flag_duplicate(vacancy)
    vacancy.save()
    if was_published:
        vacancy_sync_index(vacancy.pk)
    return vacancy


@transaction.atomic
def vacancy_submit(*, vacancy: Vacancy, by=None) -> Vacancy:
    if vacancy.status != VacancyStatus.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    _flag_duplicate(vacancy)
    vacancy.status = VacancyStatus.PENDING_REVIEW
    vacancy.moderation_note = ""
    vacancy.save()
    return vacancy


@transaction.atomic
def vacancy_approve(*, vacancy: Vacancy, by) -> Vacancy:
    """Publish a vacancy under review. It is public (and searchable) once its employer is verified."""
    if vacancy.status != VacancyStatus.PENDING_REVIEW:
        raise ValidationError(_("Only a vacancy pending review can be approved."))
    now = timezone.now()
    vacancy.status = VacancyStatus.PUBLISHED
    vacancy.published_at = now
    vacancy.needs_moderation = False
    if vacancy.expires_on is None or vacancy.expires_on < timezone.localdate():
        vacancy.expires_on = timezone.localdate() + dt.timedelta(days=DEFAULT_LIFETIME_DAYS)
    vacancy.save()
    vacancy_sync_index(vacancy.pk)
    return vacancy


@transaction.atomic
def vacancy_reject(*, vacancy: Vacancy, by, reason: str) -> Vacancy:
    if vacancy.status != VacancyStatus.PENDING_REVIEW:
        raise ValidationError(_("Only a vacancy pending review can be sent back."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the vacancy is sent back, so the employer can fix it.")})
    vacancy.status = VacancyStatus.DRAFT
    vacancy.moderation_note = reason.strip()[:300]
    vacancy.needs_moderation = False
    vacancy.save()
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy, by=None) -> Vacancy:
    if vacancy.status in {VacancyStatus.CLOSED, VacancyStatus.EXPIRED, VacancyStatus.FILLED}:
        raise ValidationError(_("This vacancy is already closed."))
    vacancy.status = VacancyStatus.CLOSED
    vacancy.closed_at = timezone.now()
    vacancy.save()
    vacancy_sync_index(vacancy.pk)
    return vacancy


@transaction.atomic
def vacancy_expire(*, vacancy: Vacancy) -> Vacancy:
    if vacancy.status != VacancyStatus.PUBLISHED:
        raise ValidationError(_("Only a published vacancy can expire."))
    vacancy.status = VacancyStatus.EXPIRED
    vacancy.closed_at = timezone.now()
    vacancy.save()
    vacancy_sync_index(vacancy.pk)
    return vacancy


def vacancies_expire_due(*, today: dt.date | None = None) -> int:
    """Expire every published vacancy whose expiry date has passed. Returns how many."""
    today = today or timezone.localdate()
    count = 0
    for vacancy in Vacancy.objects.filter(
        status=VacancyStatus.PUBLISHED, expires_on__lt=today
    ).select_related("employer"):
        vacancy_expire(vacancy=vacancy)
        count += 1
    return count


@transaction.atomic
def vacancy_report(*, vacancy: Vacancy, user, reason: str, details: str = "") -> VacancyReport:
    """A seeker reports a vacancy; it goes to the moderation queue. One report per user and vacancy."""
    if VacancyReport.objects.filter(vacancy=vacancy, reporter=user).exists():
        raise ValidationError(_("You have already reported this vacancy."))
    from sakoo.core.text import normalize_text

    report = VacancyReport(
        vacancy=vacancy, reporter=user, reason=reason, details=normalize_text(details or "")
    )
    report.full_clean()
    report.save()
    Vacancy.objects.filter(pk=vacancy.pk).update(needs_moderation=True)
    return report


@transaction.atomic
def vacancy_report_resolve(*, report: VacancyReport, by, close_vacancy: bool = False) -> VacancyReport:
    report.resolved_at = timezone.now()
    report.resolved_by = by
    report.save(update_fields=["resolved_at", "resolved_by"])
    vacancy = report.vacancy
    if close_vacancy and vacancy.status not in {
        VacancyStatus.CLOSED,
        VacancyStatus.EXPIRED,
        VacancyStatus.FILLED,
    }:
        vacancy_close(vacancy=vacancy, by=by)
    if not vacancy.reports.filter(resolved_at__isnull=True).exists() and vacancy.duplicate_of_id is None:
        Vacancy.objects.filter(pk=vacancy.pk).update(needs_moderation=False)
    return report


@transaction.atomic
def vacancy_clear_flag(*, vacancy: Vacancy, by) -> Vacancy:
    """A moderator decides a flagged duplicate is not one."""
    vacancy.needs_moderation = False
    vacancy.duplicate_of = None
    vacancy.save(update_fields=["needs_moderation", "duplicate_of", "updated_at"])
    return vacancy


# --- saved vacancies and searches ---------------------------------------------------------------------


@transaction.atomic
def vacancy_save(*, seeker: JobSeeker, vacancy: Vacancy) -> SavedVacancy:
    saved, _created = SavedVacancy.objects.get_or_create(seeker=seeker, vacancy=vacancy)
    return saved


@transaction.atomic
def vacancy_unsave(*, seeker: JobSeeker, vacancy: Vacancy) -> None:
    SavedVacancy.objects.filter(seeker=seeker, vacancy=vacancy).delete()


@transaction.atomic
def saved_search_create(*, user, querystring: str, frequency: str = "daily", name: str = "") -> SavedSearch:
    from sakoo.core.text import normalize_text

    querystring = querystring.lstrip("?")[:1000]
    if not querystring:
        raise ValidationError({"querystring": _("Search for something before saving the search.")})
    if SavedSearch.objects.filter(user=user).count() >= 20:
        raise ValidationError(_("You can keep at most 20 saved searches."))
    saved = SavedSearch(
        user=user, querystring=querystring, frequency=frequency, name=normalize_text(name)[:100]
    )
    saved.full_clean()
    saved.save()
    return saved


@transaction.atomic
def saved_search_delete(*, user, pk: int) -> None:
    SavedSearch.objects.filter(user=user, pk=pk).delete()


# --- applications -------------------------------------------------------------------------------------


def _event(application: Application, from_status: str, to_status: str, by, note: str = "", at=None):
    return ApplicationEvent.objects.create(
        application=application,
        from_status=from_status,
        to_status=to_status,
        actor=by,
        note=note[:300],
        created_at=at or timezone.now(),
    )


@transaction.atomic
def application_submit(*, vacancy: Vacancy, seeker: JobSeeker, cover_note: str = "") -> Application:
    from sakoo.core.text import normalize_text

    if not vacancy_is_public(vacancy):
        raise ValidationError(_("This vacancy is not open for applications."))
    if vacancy.open_positions <= 0:
        raise ValidationError(_("All openings of this vacancy are filled."))
    if vacancy.sex_requirement != SexRequirement.NONE and vacancy.sex_requirement != seeker.sex:
        raise ValidationError(
            _("This vacancy is for %(sex)s only. The employer's reason: %(reason)s")
            % {"sex": vacancy.get_sex_requirement_display(), "reason": vacancy.sex_requirement_reason}
        )
    if Application.objects.filter(vacancy=vacancy, seeker=seeker).exists():
        raise ValidationError(_("You have already applied for this vacancy."))
    application = Application(
        vacancy=vacancy,
        seeker=seeker,
        cover_note=normalize_text(cover_note or "").strip(),
        created_at=timezone.now(),
    )
    application.full_clean()
    application.save()
    _event(application, "", ApplicationStatus.SUBMITTED, seeker.user)
    from sakoo.vacancies.notifications import notify_new_application

    notify_new_application(application)
    return application


def _check_employer_member(user, employer_id: int) -> None:
    from sakoo.accounts.models import Membership

    if user is None or user.is_superuser:
        return
    if not Membership.objects.filter(user=user, organisation__employer__id=employer_id).exists():
        raise PermissionDenied


@transaction.atomic
def application_move(*, application: Application, to_status: str, by, note: str = "") -> Application:
    """Move an application along submitted → seen → shortlisted → interview → offered / rejected.

    Hiring is ``placement_record`` (it creates the placement and the status history)."""
    _check_employer_member(by, application.vacancy.employer_id)
    if to_status == ApplicationStatus.HIRED:
        raise ValidationError(_("Record the hire to mark an applicant as hired."))
    current = ApplicationStatus(application.status)
    if to_status not in APPLICATION_MOVES.get(current, set()):
        raise ValidationError(
            {
                "status": _("An application cannot move from “%(from)s” to “%(to)s”.")
                % {
                    "from": current.label,
                    "to": ApplicationStatus(to_status).label
                    if to_status in ApplicationStatus.values
                    else to_status,
                }
            }
        )
    application.status = to_status
    application.save(update_fields=["status", "updated_at"])
    event = _event(application, current, to_status, by, note)
    from sakoo.vacancies.notifications import notify_application_status

    notify_application_status(event)
    return application


@transaction.atomic
def application_mark_seen(*, application: Application, by) -> Application:
    if application.status == ApplicationStatus.SUBMITTED:
        return application_move(application=application, to_status=ApplicationStatus.SEEN, by=by)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, seeker: JobSeeker) -> Application:
    if application.seeker_id != seeker.pk:
        raise PermissionDenied
    if application.status in {ApplicationStatus.HIRED, ApplicationStatus.WITHDRAWN}:
        raise ValidationError(_("This application can no longer be withdrawn."))
    previous = application.status
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    _event(application, previous, ApplicationStatus.WITHDRAWN, seeker.user)
    return application


@transaction.atomic
def message_send(*, application: Application, sender, body: str) -> Message:
    from sakoo.core.text import normalize_text

    body = normalize_text(body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    if sender.pk == application.seeker.user_id:
        from_employer = False
    else:
        _check_employer_member(sender, application.vacancy.employer_id)
        from_employer = True
    message = Message(application=application, sender=sender, from_employer=from_employer, body=body)
    message.full_clean()
    message.save()
    return message


# --- hires (placements) -------------------------------------------------------------------------------


def _refresh_filled(vacancy: Vacancy) -> None:
    """filled_count = placements on this vacancy; all openings filled → status filled (out of search)."""
    vacancy.filled_count = Placement.objects.filter(vacancy=vacancy).count()
    fields = ["filled_count", "updated_at"]
    if vacancy.filled_count >= vacancy.openings and vacancy.status == VacancyStatus.PUBLISHED:
        vacancy.status = VacancyStatus.FILLED
        vacancy.closed_at = timezone.now()
        fields += ["status", "closed_at"]
    vacancy.save(update_fields=fields)
    if "status" in fields:
        vacancy_sync_index(vacancy.pk)


def _check_hire_date(hired_on: dt.date, seeker: JobSeeker, earliest: dt.date | None = None) -> None:
    today = timezone.localdate()
    if hired_on > today:
        raise ValidationError({"hired_on": _("The hire date cannot be in the future.")})
    if hired_on < seeker.registered_on:
        raise ValidationError({"hired_on": _("The hire date is before the job seeker registered.")})
    if earliest and hired_on < earliest:
        raise ValidationError({"hired_on": _("The hire date is before the application was made.")})


@transaction.atomic
def placement_record(
    *,
    application: Application,
    by,
    hired_on: dt.date | None = None,
    contract_type: str | None = None,
    insured: bool | None = None,
    wage: int | None = None,
) -> Placement:
    """A hire through Sakoo: creates the placement, marks the application hired, records the seeker as
    employed from ``hired_on`` (dated status history) and counts toward the vacancy's openings."""
    application = (
        Application.objects.select_for_update()
        .select_related("vacancy__employer", "seeker")
        .get(pk=application.pk)
    )
    vacancy = Vacancy.objects.select_for_update().select_related("employer").get(pk=application.vacancy_id)
    seeker = application.seeker
    _check_employer_member(by, vacancy.employer_id)
    if application.status not in HIREABLE:
        raise ValidationError(
            _("This applicant cannot be hired from the status “%(status)s”.")
            % {"status": application.get_status_display()}
        )
    if vacancy.status != VacancyStatus.PUBLISHED:
        raise ValidationError(_("Only a published vacancy with open positions can record a hire."))
    if vacancy.open_positions <= 0:
        raise ValidationError(_("All openings of this vacancy are already filled."))
    hired_on = hired_on or timezone.localdate()
    _check_hire_date(hired_on, seeker, timezone.localtime(application.created_at).date())
    placement = Placement(
        seeker=seeker,
        employer=vacancy.employer,
        vacancy=vacancy,
        application=application,
        occupation=vacancy.occupation,
        county=vacancy.county,
        hired_on=hired_on,
        contract_type=contract_type or vacancy.contract_type,
        insured=vacancy.insurance_provided if insured is None else insured,
        wage=wage if wage is not None else (vacancy.wage_min or vacancy.wage_max),
        source=PlacementSource.PLATFORM,
        reported_by=by,
    )
    placement.full_clean()
    placement.save()
    previous = application.status
    application.status = ApplicationStatus.HIRED
    application.save(update_fields=["status", "updated_at"])
    _event(application, previous, ApplicationStatus.HIRED, by)
    seeker_set_status(
        seeker=seeker,
        status=EmploymentStatus.EMPLOYED,
        valid_from=hired_on,
        reason="hired",
        placement=placement,
        by=by,
    )
    _refresh_filled(vacancy)
    from sakoo.vacancies.notifications import notify_hired

    notify_hired(placement)
    return placement


def can_report_external_hire(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in EXTERNAL_HIRE_ROLES)


@transaction.atomic
def placement_report_external(
    *,
    by,
    seeker: JobSeeker,
    hired_on: dt.date,
    county,
    contract_type: str,
    insured: bool,
    employer: Employer | None = None,
    employer_name: str = "",
    occupation=None,
    wage: int | None = None,
    vacancy: Vacancy | None = None,
) -> Placement:
    """A hire made outside Sakoo, reported by the employer or an officer. Same status history as a
    platform hire; counts toward a vacancy's openings only when one is named."""
    if not can_report_external_hire(by):
        raise PermissionDenied
    if by.role == Role.EMPLOYER and not by.is_superuser:
        if employer is None:
            raise ValidationError({"employer": _("Choose your company.")})
        _check_employer_member(by, employer.pk)
    if employer is None and not employer_name.strip():
        raise ValidationError({"employer_name": _("Name the employer.")})
    if vacancy is not None:
        if employer is None or vacancy.employer_id != employer.pk:
            raise ValidationError({"vacancy": _("The vacancy belongs to another employer.")})
        vacancy = Vacancy.objects.select_for_update().select_related("employer").get(pk=vacancy.pk)
        if vacancy.status != VacancyStatus.PUBLISHED or vacancy.open_positions <= 0:
            raise ValidationError({"vacancy": _("This vacancy has no open positions.")})
    _check_hire_date(hired_on, seeker)
    if Placement.objects.filter(
        seeker=seeker, hired_on=hired_on, employer=employer, employer_name=employer_name.strip()
    ).exists():
        raise ValidationError(_("This hire has already been recorded."))
    placement = Placement(
        seeker=seeker,
        employer=employer,
        employer_name=employer_name.strip() if employer is None else "",
        vacancy=vacancy,
        occupation=occupation or (vacancy.occupation if vacancy else None),
        county=county,
        hired_on=hired_on,
        contract_type=contract_type,
        insured=insured,
        wage=wage,
        source=PlacementSource.EXTERNAL,
        reported_by=by,
    )
    placement.full_clean()
    placement.save()
    seeker_set_status(
        seeker=seeker,
        status=EmploymentStatus.EMPLOYED,
        valid_from=hired_on,
        reason="hired (reported)",
        placement=placement,
        by=by,
    )
    if vacancy is not None:
        _refresh_filled(vacancy)
    return placement


def education_meets(seeker_level: str, required: str) -> bool:
    if not required:
        return True
    return EDUCATION_RANK.get(seeker_level, -1) >= EDUCATION_RANK.get(required, 0)


__all__ = [
    "Notification",
    "application_mark_seen",
    "application_move",
    "application_submit",
    "application_withdraw",
    "message_send",
    "placement_record",
    "placement_report_external",
    "saved_search_create",
    "saved_search_delete",
    "vacancies_expire_due",
    "vacancy_approve",
    "vacancy_clear_flag",
    "vacancy_close",
    "vacancy_create",
    "vacancy_expire",
    "vacancy_reject",
    "vacancy_report",
    "vacancy_report_resolve",
    "vacancy_save",
    "vacancy_submit",
    "vacancy_sync_index",
    "vacancy_unsave",
    "vacancy_update",
]
