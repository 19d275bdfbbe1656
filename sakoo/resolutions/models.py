"""The province employment working group (کارگروه اشتغال استان): meetings, resolutions and their follow-up.

A resolution (مصوبه) has an owner agency, optional co-owners, a due date and a status. The due date is
either a Jalali date chosen directly or N working days from the meeting on the government calendar; both
the rule and the computed date are stored so that a later change to the holiday table does not silently
move a deadline (recompute explicitly with ``resolution_recompute_due_date``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DUE_SOON_DAYS = 7


class Meeting(models.Model):
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    chair = models.CharField(_("chair"), max_length=200)
    attendees = models.TextField(_("attendees"), blank=True, help_text=_("One per line."))
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("working-group meeting")
        verbose_name_plural = _("working-group meetings")

    def __str__(self) -> str:
        return self.title

    @property
    def attendee_list(self) -> list[str]:
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]


class ResolutionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=(Resolution.Status.OPEN, Resolution.Status.IN_PROGRESS))

    def overdue(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.active().filter(due_date__lt=today)

    def due_soon(self, today: datetime.date | None = None, days: int = DUE_SOON_DAYS):
        today = today or timezone.localdate()
        return self.active().filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days))

    def for_organisations(self, organisation_ids):
        return self.filter(
            models.Q(owner_id__in=organisation_ids) | models.Q(co_owners__id__in=organisation_ids)
        ).distinct()


class Resolution(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class DueRule(models.TextChoices):
        DATE = "date", _("A fixed date")
        WORKING_DAYS = "working_days", _("Working days from the meeting")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="resolutions")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    owner = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="owned_resolutions",
        verbose_name=_("owner agency"),
    )
    co_owners = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="co_owned_resolutions", verbose_name=_("co-owners")
    )
    due_rule = models.CharField(_("due-date rule"), max_length=16, choices=DueRule.choices)
    due_working_days = models.PositiveSmallIntegerField(_("working days"), null=True, blank=True)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "meeting_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="resolution_number_unique_per_meeting"),
            models.CheckConstraint(
                condition=models.Q(due_rule="date") | models.Q(due_working_days__isnull=False),
                name="resolution_working_days_rule_has_days",
            ),
        ]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.number}"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_active and self.due_date < today

    def is_due_soon(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_active and today <= self.due_date <= today + datetime.timedelta(days=DUE_SOON_DAYS)

    @property
    def closed_on_time(self) -> bool | None:
        if self.status != self.Status.DONE or self.closed_at is None:
            return None
        return timezone.localtime(self.closed_at).date() <= self.due_date


class FollowUp(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="follow_ups")
    noted_on = models.DateField(_("date"))
    text = models.TextField(_("note"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status_after = models.CharField(_("status after"), max_length=16, choices=Resolution.Status.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-noted_on", "-id"]
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")

    def __str__(self) -> str:
        return f"{self.resolution_id} {self.noted_on}"


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    stamp = timezone.now().strftime("%Y/%m")
    return f"resolutions/evidence/{stamp}/{instance.resolution_id}-{timezone.now().strftime('%H%M%S%f')}.{suffix}"


class Evidence(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_upload_to)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class ReminderLog(models.Model):
    """Each reminder is sent once: ``key`` names the resolution, the kind and the recipient."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    key = models.CharField(max_length=120, unique=True)
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key
