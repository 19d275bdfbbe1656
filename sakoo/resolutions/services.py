"""Writes for the working group. Pages, the API and commands all call these functions."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakoo.core.jalali import format_jalali
from sakoo.resolutions.models import Evidence, FollowUp, Meeting, ReminderLog, Resolution

logger = logging.getLogger(__name__)

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# Allowed evidence types, recognised by their first bytes (the browser's content type is not trusted).
EVIDENCE_SIGNATURES: dict[str, tuple[bytes, str]] = {
    "pdf": (b"%PDF-", "application/pdf"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "jpg": (b"\xff\xd8\xff", "image/jpeg"),
    "jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    "xlsx": (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def compute_due_date(*, held_on: datetime.date, due_rule: str, due_date=None, due_working_days=None):
    """The due date for a rule: the date itself, or N working days after the meeting (government calendar)."""
    if due_rule == Resolution.DueRule.DATE:
        if due_date is None:
            raise ValidationError({"due_date": _("Enter the due date.")})
        return due_date
    if due_rule == Resolution.DueRule.WORKING_DAYS:
        if not due_working_days or due_working_days < 1:
            raise ValidationError({"due_working_days": _("Enter a number of working days (1 or more).")})
        from sakoo.workcal.services import add_working_days

        return add_working_days(held_on, int(due_working_days), scope="government")
    raise ValidationError({"due_rule": _("Choose how the due date is set.")})


@transaction.atomic
def meeting_create(*, title, held_on, chair, attendees="", agenda="", minutes="", location="", created_by=None):
    meeting = Meeting(
        title=title,
        held_on=held_on,
        chair=chair,
        attendees=attendees,
        agenda=agenda,
        minutes=minutes,
        location=location,
        created_by=created_by,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, **fields) -> Meeting:
    for name, value in fields.items():
        if name not in {"title", "held_on", "chair", "attendees", "agenda", "minutes", "location"}:
            raise ValueError(name)
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    return meeting


def _check_owner(owner, field="owner"):
    if getattr(owner, "kind", None) != "agency":
        raise ValidationError({field: _("The owner must be an executive agency.")})


@transaction.atomic
def resolution_create(
    *,
    meeting: Meeting,
    text: str,
    owner,
    due_rule: str,
    due_date: datetime.date | None = None,
    due_working_days: int | None = None,
    co_owners=(),
    number: int | None = None,
) -> Resolution:
    _check_owner(owner)
    for co in co_owners:
        _check_owner(co, "co_owners")
    computed = compute_due_date(
        held_on=meeting.held_on, due_rule=due_rule, due_date=due_date, due_working_days=due_working_days
    )
    if number is None:
        last = meeting.resolutions.order_by("-number").values_list("number", flat=True).first()
        number = (last or 0) + 1
    resolution = Resolution(
        meeting=meeting,
        number=number,
        text=text,
        owner=owner,
        due_rule=due_rule,
        due_working_days=due_working_days if due_rule == Resolution.DueRule.WORKING_DAYS else None,
        due_date=computed,
    )
    resolution.full_clean()
    resolution.save()
    if co_owners:
        resolution.co_owners.set([co for co in co_owners if co.pk != owner.pk])
    return resolution


@transaction.atomic
def resolution_update(
    *,
    resolution: Resolution,
    text: str,
    owner,
    due_rule: str,
    due_date: datetime.date | None = None,
    due_working_days: int | None = None,
    co_owners=(),
) -> Resolution:
    """Edit a resolution's text, owners or due-date rule (the due date is computed again)."""
    _check_owner(owner)
    for co in co_owners:
        _check_owner(co, "co_owners")
    resolution.due_date = compute_due_date(
        held_on=resolution.meeting.held_on, due_rule=due_rule, due_date=due_date, due_working_days=due_working_days
    )
    resolution.text = text
    resolution.owner = owner
    resolution.due_rule = due_rule
    resolution.due_working_days = due_working_days if due_rule == Resolution.DueRule.WORKING_DAYS else None
    resolution.full_clean()
    resolution.save()
    resolution.co_owners.set([co for co in co_owners if co.pk != owner.pk])
    return resolution


@transaction.atomic
def resolution_recompute_due_date(*, resolution: Resolution) -> Resolution:
    """Recompute a working-day due date after the holiday table changed (explicit, never automatic)."""
    resolution.due_date = compute_due_date(
        held_on=resolution.meeting.held_on,
        due_rule=resolution.due_rule,
        due_date=resolution.due_date,
        due_working_days=resolution.due_working_days,
    )
    resolution.full_clean()
    resolution.save(update_fields=["due_date", "updated_at"])
    return resolution


@transaction.atomic
def followup_add(
    *, resolution: Resolution, author, text: str, noted_on: datetime.date | None = None, status_after: str = ""
) -> FollowUp:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the follow-up note.")})
    note = FollowUp(
        resolution=resolution,
        author=author,
        text=text,
        noted_on=noted_on or timezone.localdate(),
        status_after=status_after,
    )
    note.full_clean()
    note.save()
    return note


def _evidence_kind(upload: UploadedFile) -> tuple[str, str]:
    name = upload.name or ""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in EVIDENCE_SIGNATURES:
        raise ValidationError({"file": _("Upload a PDF, a PNG or JPEG image or an XLSX spreadsheet.")})
    signature, content_type = EVIDENCE_SIGNATURES[suffix]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(signature):
        raise ValidationError({"file": _("The file's content does not match its type (%(type)s).") % {"type": suffix}})
    return suffix, content_type


@transaction.atomic
def evidence_add(*, resolution: Resolution, upload: UploadedFile, uploaded_by, description: str = "") -> Evidence:
    if upload is None:
        raise ValidationError({"file": _("Choose a file.")})
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    _suffix, content_type = _evidence_kind(upload)
    evidence = Evidence(
        resolution=resolution,
        file=upload,
        original_name=(upload.name or "")[-200:],
        content_type=content_type,
        size=upload.size,
        description=description.strip(),
        uploaded_by=uploaded_by,
    )
    evidence.full_clean()
    evidence.save()
    return evidence


ALLOWED_TRANSITIONS = {
    Resolution.Status.OPEN: {Resolution.Status.IN_PROGRESS, Resolution.Status.DONE, Resolution.Status.CANCELLED},
    Resolution.Status.IN_PROGRESS: {Resolution.Status.OPEN, Resolution.Status.DONE, Resolution.Status.CANCELLED},
    Resolution.Status.DONE: {Resolution.Status.IN_PROGRESS},
    Resolution.Status.CANCELLED: {Resolution.Status.OPEN},
}


@transaction.atomic
def resolution_set_status(*, resolution: Resolution, status: str, user, note: str = "") -> Resolution:
    """Change a resolution's status. Closing (done) needs evidence on file or a note; cancelling needs a note.

    The note, when given, is kept as a follow-up with the new status.
    """
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if status not in Resolution.Status.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    if status == resolution.status:
        raise ValidationError({"status": _("The resolution already has this status.")})
    if status not in ALLOWED_TRANSITIONS[resolution.status]:
        raise ValidationError({"status": _("This status change is not allowed.")})
    note = (note or "").strip()
    if status == Resolution.Status.DONE and not note and not resolution.evidence.exists():
        raise ValidationError(
            {"note": _("To close a resolution, upload evidence or write a note on what was delivered.")}
        )
    if status == Resolution.Status.CANCELLED and not note:
        raise ValidationError({"note": _("Write why the resolution is cancelled.")})
    resolution.status = status
    if status == Resolution.Status.DONE:
        resolution.closed_at = timezone.now()
        resolution.closed_by = user
    elif status != Resolution.Status.CANCELLED:
        resolution.closed_at = None
        resolution.closed_by = None
    else:
        resolution.closed_at = timezone.now()
        resolution.closed_by = user
    resolution.full_clean()
    resolution.save()
    if note:
        followup_add(resolution=resolution, author=user, text=note, status_after=status)
    return resolution


def _reminder_recipients(resolution: Resolution):
    """The active members of the owner agency and of every co-owner, each person once."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    org_ids = [resolution.owner_id, *(org.pk for org in resolution.co_owners.all())]
    try:
        from sakoo.accounts.models import Membership
    except ImportError:  # pragma: no cover - accounts always defines it
        return User.objects.none()
    user_ids = Membership.objects.filter(organisation_id__in=org_ids).values_list("user_id", flat=True)
    return User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk")


def _deliver(*, user, subject: str, body: str) -> None:
    """Send through the accounts notification service when it exists, else by e-mail (console in dev)."""
    try:
        from sakoo.accounts import notifications  # type: ignore[attr-defined]

        notify = getattr(notifications, "notify", None)
    except ImportError:
        notify = None
    if notify is not None:
        notify(user=user, subject=subject, body=body)
        return
    if user.email:
        from django.core.mail import send_mail

        send_mail(subject, body, None, [user.email], fail_silently=True)


def send_resolution_reminders(*, today: datetime.date | None = None) -> int:
    """Remind the members of the owner and co-owner agencies of resolutions due soon and overdue; each
    person once per resolution, kind and due date (``ReminderLog``), however many of them they belong to."""
    today = today or timezone.localdate()
    sent = 0
    batches = (
        (ReminderLog.Kind.DUE_SOON, Resolution.objects.due_soon(today)),
        (ReminderLog.Kind.OVERDUE, Resolution.objects.overdue(today)),
    )
    for kind, queryset in batches:
        for resolution in queryset.select_related("meeting", "owner").prefetch_related("co_owners"):
            for user in _reminder_recipients(resolution):
                key = f"resolution:{resolution.pk}:{kind}:{resolution.due_date.isoformat()}:{user.pk}"
                with transaction.atomic():
                    _log, created = ReminderLog.objects.get_or_create(
                        key=key, defaults={"resolution": resolution, "kind": kind, "recipient": user}
                    )
                    if not created:
                        continue
                    if kind == ReminderLog.Kind.OVERDUE:
                        subject = _("Working-group resolution overdue")
                    else:
                        subject = _("Working-group resolution due soon")
                    body = _("Resolution %(number)s of “%(meeting)s” is due on %(due)s: %(text)s") % {
                        "number": resolution.number,
                        "meeting": resolution.meeting.title,
                        "due": format_jalali(resolution.due_date),
                        "text": resolution.text[:200],
                    }
                    _deliver(user=user, subject=subject, body=body)
                    sent += 1
    logger.info("resolution reminders sent: %s", sent)
    return sent
