"""Writes for employers: register a company, add members, verify (province admin)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakoo.accounts.models import Membership, Organisation, OrganisationKind, Role
from sakoo.core.validators import normalize_legal_id
from sakoo.employers.models import Employer

EDITABLE_FIELDS = (
    "name",
    "activity",
    "county",
    "size",
    "is_knowledge_based",
    "is_cooperative",
    "phone",
    "address",
    "website",
)


@transaction.atomic
def employer_register(
    *,
    user,
    legal_id: str,
    name: str,
    activity,
    county,
    size: str = "micro",
    is_knowledge_based: bool = False,
    is_cooperative: bool = False,
    phone: str = "",
    address: str = "",
    website: str = "",
) -> Employer:
    """Register a company, its organisation, and make ``user`` its first member."""
    try:
        legal_id = normalize_legal_id(legal_id)
    except ValidationError as exc:
        raise ValidationError({"legal_id": exc.messages}) from exc
    if Employer.objects.filter(legal_id=legal_id).exists():
        raise ValidationError(
            {
                "legal_id": _(
                    "A company with this national ID is already registered; ask its users to add you."
                )
            }
        )
    organisation = Organisation(kind=OrganisationKind.EMPLOYER, name=name.strip(), county=county)
    organisation.full_clean()
    organisation.save()
    employer = Employer(
        organisation=organisation,
        legal_id=legal_id,
        name=name.strip(),
        activity=activity,
        county=county,
        size=size,
        is_knowledge_based=is_knowledge_based,
        is_cooperative=is_cooperative,
        phone=phone,
        address=address,
        website=website,
    )
    employer.full_clean()
    employer.save()
    if user is not None:
        employer_add_member(employer=employer, user=user)
    return employer


@transaction.atomic
def employer_add_member(*, employer: Employer, user) -> Membership:
    membership, _created = Membership.objects.get_or_create(user=user, organisation=employer.organisation)
    if user.role == Role.JOB_SEEKER and not hasattr(user, "job_seeker"):
        user.role = Role.EMPLOYER
        user.save(update_fields=["role"])
    return membership


@transaction.atomic
def employer_add_member_by_phone(*, employer: Employer, phone: str, by) -> Membership:
    """Give a colleague access to the company: the phone user is created (as an employer) if new.
    A job seeker's account cannot be added (one account, one role)."""
    from sakoo.accounts.selectors import user_by_phone
    from sakoo.accounts.services import user_create_for_phone

    if not employer.organisation.memberships.filter(user=by).exists() and not by.is_superuser:
        raise PermissionDenied
    user = user_by_phone(phone) or user_create_for_phone(phone=phone, role=Role.EMPLOYER)
    if user.role != Role.EMPLOYER and not (user.role == Role.JOB_SEEKER and not hasattr(user, "job_seeker")):
        raise ValidationError({"phone": _("This mobile number belongs to an account of another kind.")})
    return employer_add_member(employer=employer, user=user)


@transaction.atomic
def employer_update(*, employer: Employer, **fields) -> Employer:
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise TypeError(f"employer_update() cannot change {name!r}")
        setattr(employer, name, value)
    employer.full_clean()
    employer.save()
    if "name" in fields and employer.organisation.name != employer.name:
        employer.organisation.name = employer.name
        employer.organisation.save(update_fields=["name"])
    _reindex_published(employer)
    return employer


@transaction.atomic
def employer_verify(*, employer: Employer, by, verified: bool = True) -> Employer:
    """Verify (or withdraw verification of) an employer. Only verified employers' vacancies are public."""
    if verified:
        employer.verified_at = employer.verified_at or timezone.now()
        employer.verified_by = by
    else:
        employer.verified_at = None
        employer.verified_by = None
    employer.save(update_fields=["verified_at", "verified_by", "updated_at"])
    _reindex_published(employer)
    return employer


def _reindex_published(employer: Employer) -> None:
    from sakoo.vacancies.models import Vacancy, VacancyStatus
    from sakoo.vacancies.services import vacancy_sync_index

    ids = list(
        Vacancy.objects.filter(employer=employer, status=VacancyStatus.PUBLISHED).values_list("pk", flat=True)
    )
    for vacancy_id in ids:
        vacancy_sync_index(vacancy_id)
