"""Writes for job seekers: register, update the profile, upload a CV, change employment status.

``JobSeeker.employment_status`` is kept equal to the latest ``StatusChange`` (by ``valid_from``, then id).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakoo.accounts.models import Role
from sakoo.core.validators import normalize_national_id
from sakoo.seekers.models import (
    GRADUATE_LEVELS,
    EmploymentStatus,
    JobSeeker,
    StatusChange,
    WorkExperience,
)

CV_MAX_BYTES = 2 * 1024 * 1024
PDF_MAGIC = b"%PDF-"

PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "county",
    "city",
    "education_level",
    "field_of_study",
    "university",
    "graduation_year",
    "skills",
    "preferred_contract_types",
    "expected_wage",
    "disability",
    "priority_group",
    "consent_to_be_found",
)
M2M_FIELDS = ("desired_occupations", "preferred_counties")


def _apply_profile(seeker: JobSeeker, fields: dict) -> dict:
    m2m = {}
    for name, value in fields.items():
        if name in M2M_FIELDS:
            m2m[name] = value
        elif name in PROFILE_FIELDS:
            if isinstance(value, str):
                value = _clean_text(value)
            setattr(seeker, name, value)
        else:
            raise TypeError(f"seeker profile has no editable field {name!r}")
    seeker.is_graduate = seeker.education_level in GRADUATE_LEVELS
    return m2m


def _clean_text(value: str) -> str:
    from sakoo.core.text import normalize_text

    return normalize_text(value) if value else value


@transaction.atomic
def seeker_register(
    *,
    user,
    national_id: str,
    first_name: str,
    last_name: str,
    birth_date: dt.date,
    sex: str,
    county,
    education_level: str,
    employment_status: str = EmploymentStatus.UNEMPLOYED_LOOKING,
    registered_on: dt.date | None = None,
    **profile,
) -> JobSeeker:
    """Register ``user`` as a job seeker. One person, one registration: the national ID is normalised
    (any digit script, checksum verified) before the uniqueness check."""
    try:
        national_id = normalize_national_id(national_id)
    except ValidationError as exc:
        raise ValidationError({"national_id": exc.messages}) from exc
    if JobSeeker.objects.filter(national_id=national_id).exists():
        raise ValidationError({"national_id": _("A job seeker with this national ID is already registered.")})
    if JobSeeker.objects.filter(user=user).exists():
        raise ValidationError(_("This account already has a job-seeker profile."))
    registered_on = registered_on or timezone.localdate()
    seeker = JobSeeker(user=user, national_id=national_id, registered_on=registered_on)
    m2m = _apply_profile(
        seeker,
        {
            "first_name": first_name,
            "last_name": last_name,
            "birth_date": birth_date,
            "sex": sex,
            "county": county,
            "education_level": education_level,
            **profile,
        },
    )
    seeker.employment_status = employment_status
    seeker.full_clean()
    seeker.save()
    for name, values in m2m.items():
        getattr(seeker, name).set(values)
    StatusChange.objects.create(
        seeker=seeker,
        status=employment_status,
        valid_from=registered_on,
        reason="registration",
        created_by=user,
    )
    if user.role != Role.JOB_SEEKER and user.role == Role.EMPLOYER and not user.memberships.exists():
        user.role = Role.JOB_SEEKER
        user.save(update_fields=["role"])
    if not (user.first_name or user.last_name):
        user.first_name, user.last_name = seeker.first_name, seeker.last_name
        user.save(update_fields=["first_name", "last_name"])
    return seeker


@transaction.atomic
def seeker_update_profile(*, seeker: JobSeeker, **fields) -> JobSeeker:
    m2m = _apply_profile(seeker, fields)
    seeker.full_clean()
    seeker.save()
    for name, values in m2m.items():
        getattr(seeker, name).set(values)
    return seeker


def check_pdf(upload) -> None:
    """Refuse anything that is not a PDF (by its first bytes, not its name) or larger than the limit."""
    if upload.size > CV_MAX_BYTES:
        raise ValidationError(
            {"cv_pdf": _("The file is too large: at most %(mb)s MB.") % {"mb": CV_MAX_BYTES // (1024 * 1024)}}
        )
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC or not upload.name.lower().endswith(".pdf"):
        raise ValidationError({"cv_pdf": _("The file is not a PDF document.")})


@transaction.atomic
def seeker_upload_cv(*, seeker: JobSeeker, upload) -> JobSeeker:
    check_pdf(upload)
    old = seeker.cv_pdf.name if seeker.cv_pdf else ""
    seeker.cv_pdf.save(f"cv-{seeker.pk}.pdf", upload, save=False)
    seeker.save(update_fields=["cv_pdf", "updated_at"])
    if old and old != seeker.cv_pdf.name:
        seeker.cv_pdf.storage.delete(old)
    return seeker


@transaction.atomic
def seeker_remove_cv(*, seeker: JobSeeker) -> JobSeeker:
    if seeker.cv_pdf:
        seeker.cv_pdf.delete(save=False)
    seeker.cv_pdf = ""
    seeker.save(update_fields=["cv_pdf", "updated_at"])
    return seeker


@transaction.atomic
def seeker_set_status(
    *,
    seeker: JobSeeker,
    status: str,
    valid_from: dt.date | None = None,
    reason: str = "",
    placement=None,
    by=None,
) -> StatusChange:
    """Add a dated status entry and keep ``seeker.employment_status`` equal to the latest entry."""
    if status not in EmploymentStatus.values:
        raise ValidationError({"status": _("Unknown employment status.")})
    valid_from = valid_from or timezone.localdate()
    if valid_from < seeker.registered_on:
        raise ValidationError({"valid_from": _("The date cannot be before the registration date.")})
    if valid_from > timezone.localdate():
        raise ValidationError({"valid_from": _("The date cannot be in the future.")})
    change = StatusChange(
        seeker=seeker,
        status=status,
        valid_from=valid_from,
        reason=reason[:200],
        placement=placement,
        created_by=by,
    )
    change.full_clean()
    change.save()
    _sync_current_status(seeker)
    return change


def _sync_current_status(seeker: JobSeeker) -> None:
    latest = (
        StatusChange.objects.filter(seeker=seeker)
        .order_by("-valid_from", "-pk")
        .values_list("status", flat=True)
        .first()
    )
    if latest and latest != seeker.employment_status:
        seeker.employment_status = latest
        JobSeeker.objects.filter(pk=seeker.pk).update(employment_status=latest)


@transaction.atomic
def work_experience_add(*, seeker: JobSeeker, title: str, start_date: dt.date, **fields) -> WorkExperience:
    entry = WorkExperience(seeker=seeker, title=_clean_text(title), start_date=start_date, **fields)
    if entry.end_date and entry.end_date < entry.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def work_experience_delete(*, seeker: JobSeeker, pk: int) -> None:
    WorkExperience.objects.filter(seeker=seeker, pk=pk).delete()
