"""Employment cooperatives (تعاونی‌های اشتغال‌زا) and their support package (بسته حمایتی).

A ``Cooperative`` is the profile of an ``employers.Employer`` flagged ``is_cooperative``: sector, county
and village, registration number, its current members by sex (set from its latest dated members report),
and dated jobs reports. The package is a catalogue of
``SupportItem`` rows an admin extends in /admin/; a cooperative applies for items (``Application``), the
county officer or the province admin reviews, each step is kept (``ApplicationStep``) and the jobs the
support actually created are followed up (``FollowUp``).

Writes go through ``sakoo.cooperatives.services``; reads and access checks through
``sakoo.cooperatives.selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

registration_number_validator = RegexValidator(
    r"^[0-9]{1,12}$", _("Registration number: enter digits only, at most 12.")
)


class Sector(models.TextChoices):
    INDUSTRY = "industry", _("Industry")
    AGRICULTURE = "agriculture", _("Agriculture")
    HANDICRAFTS = "handicrafts", _("Handicrafts")
    TOURISM_VILLAGE = "tourism_village", _("Target tourism village")
    SERVICES = "services", _("Services")


class Cooperative(models.Model):
    """The cooperative profile of an employer flagged as a cooperative (one-to-one)."""

    employer = models.OneToOneField(
        "employers.Employer",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="cooperative",
        limit_choices_to={"is_cooperative": True},
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    county = models.ForeignKey(
        "geo.County", verbose_name=_("county"), on_delete=models.PROTECT, related_name="cooperatives"
    )
    village = models.CharField(_("village"), max_length=120, blank=True)
    registration_number = models.CharField(
        _("registration number"),
        max_length=12,
        unique=True,
        validators=[registration_number_validator],
        error_messages={"unique": _("Registration number: another cooperative has this number.")},
    )
    members_male = models.PositiveIntegerField(_("male members"), default=0)
    members_female = models.PositiveIntegerField(_("female members"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cooperative")
        verbose_name_plural = _("cooperatives")
        ordering = ["county__code", "employer__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(members_male__gt=0) | Q(members_female__gt=0),
                name="cooperatives_cooperative_has_members",
                violation_error_message=_("Members: a cooperative has at least one member."),
            ),
        ]

    def __str__(self) -> str:
        return self.employer.name

    @property
    def name(self) -> str:
        return self.employer.name

    @property
    def members(self) -> int:
        return self.members_male + self.members_female


class MembersReport(models.Model):
    """How many men and women are members of the cooperative on a day. Never edited: a change is a new
    report. The latest (by date, then by entry) gives the cooperative's current ``members_male`` and
    ``members_female``, which ``services.members_report_add`` keeps in step in the same transaction."""

    cooperative = models.ForeignKey(
        Cooperative,
        verbose_name=_("cooperative"),
        on_delete=models.CASCADE,
        related_name="members_reports",
    )
    reported_on = models.DateField(_("date"))
    members_male = models.PositiveIntegerField(_("male members"))
    members_female = models.PositiveIntegerField(_("female members"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("members report")
        verbose_name_plural = _("members reports")
        ordering = ["-reported_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(members_male__gt=0) | Q(members_female__gt=0),
                name="cooperatives_members_report_has_members",
                violation_error_message=_("Members: a cooperative has at least one member."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id} {self.reported_on}: {self.members_male}+{self.members_female}"

    @property
    def members(self) -> int:
        return self.members_male + self.members_female


class JobsReport(models.Model):
    """How many people the cooperative employs on a day (dated, so growth is auditable)."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="jobs_reports")
    reported_on = models.DateField(_("date"))
    jobs = models.PositiveIntegerField(_("current employees"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("jobs report")
        verbose_name_plural = _("jobs reports")
        ordering = ["-reported_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "reported_on"],
                name="cooperatives_jobs_report_once_a_day",
                violation_error_message=_("Date: a jobs report for this day is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id} {self.reported_on}: {self.jobs}"


class Unit(models.TextChoices):
    RIALS = "rials", _("rials")
    SEATS = "seats", _("training seats")
    MONTHS = "months", _("months")


class SupportItem(models.Model):
    """One item of the support package (bank credit, insurance premium support, training seats…), with
    the agency responsible for it. Data an admin extends in /admin/."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fa = models.CharField(_("Persian name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    agency = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("responsible agency"),
        on_delete=models.PROTECT,
        related_name="cooperative_support_items",
        limit_choices_to={"kind": "agency"},
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    program = models.ForeignKey(
        "facilities.Program",
        verbose_name=_("facilities program"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For bank credit: the employment-facilities program it is paid from."),
    )
    is_bank_credit = models.BooleanField(_("bank credit"), default=False)
    deadline_working_days = models.PositiveSmallIntegerField(
        _("working days to deliver"),
        default=20,
        help_text=_("From approval to delivery, in working days of the government calendar."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("support item")
        verbose_name_plural = _("support items")
        ordering = ["order", "name_fa"]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "fa").startswith("en") and self.name_en:
            return self.name_en
        return self.name_fa


class Status(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("support application", "Submitted")
    UNDER_REVIEW = "under_review", pgettext_lazy("support application", "Under review")
    APPROVED = "approved", pgettext_lazy("support application", "Approved")
    REJECTED = "rejected", pgettext_lazy("support application", "Rejected")
    DELIVERED = "delivered", pgettext_lazy("support application", "Delivered")


OPEN_STATUSES = (Status.SUBMITTED, Status.UNDER_REVIEW)


class Application(models.Model):
    """A cooperative asks for one support item with a short plan; reviewed, then approved or rejected,
    then delivered. Amounts are in the item's unit (rials are shown in tomans)."""

    cooperative = models.ForeignKey(
        Cooperative, verbose_name=_("cooperative"), on_delete=models.PROTECT, related_name="applications"
    )
    item = models.ForeignKey(
        SupportItem, verbose_name=_("support item"), on_delete=models.PROTECT, related_name="applications"
    )
    plan = models.TextField(_("plan"), max_length=1000)
    jobs_promised = models.PositiveIntegerField(_("jobs to be created"))
    amount_requested = models.PositiveBigIntegerField(_("amount requested"))
    amount_approved = models.PositiveBigIntegerField(_("amount approved"), null=True, blank=True)
    amount_delivered = models.PositiveBigIntegerField(_("amount delivered"), null=True, blank=True)
    facility_file_number = models.CharField(
        _("facility file number"),
        max_length=30,
        blank=True,
        help_text=_("For bank credit: the number of the employment-facility file, as text."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    submitted_on = models.DateField(_("submitted on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    deadline = models.DateField(_("deadline for delivery"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    rejection_reason = models.CharField(_("reason for rejection"), max_length=300, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support application")
        verbose_name_plural = _("support applications")
        ordering = ["-submitted_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "item"],
                condition=Q(status__in=["submitted", "under_review"]),
                name="cooperatives_application_one_open_per_item",
                violation_error_message=_(
                    "Support item: this cooperative already has an open application for it."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount_requested__gte=1),
                name="cooperatives_application_amount_positive",
                violation_error_message=_("Amount requested: enter an amount above zero."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="cooperatives_application_rejection_has_reason",
                violation_error_message=_("Reason: a rejection needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id} · {self.item_id} ({self.status})"


class ApplicationStep(models.Model):
    """Each change of an application's status: what, on which day, by whom, with a note."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    on = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.status} {self.on}"


class FollowUp(models.Model):
    """Jobs the support actually created, as counted on a day (each report gives the total so far)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="follow_ups")
    reported_on = models.DateField(_("date"))
    jobs_created = models.PositiveIntegerField(_("jobs created"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.reported_on}: {self.jobs_created}"
