"""Labour squares (میدان کارگری): squares, day labourers, daily check-ins, employers' day requests and
the assignments of labourers to them.

Dignity first: labourers are never listed publicly and have no photos; employers never see a labourer's
mobile number or national ID (the coordinator contacts them). Writes go through
``sakoo.squares.services``; reads and access checks through ``sakoo.squares.selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sakoo.accounts.models import mobile_validator
from sakoo.core.validators import validate_national_id


class Trade(models.Model):
    """A trade a day labourer offers (بنّا، کارگر ساده…). Data an admin can extend in /admin/."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fa = models.CharField(_("Persian name"), max_length=80)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("trade")
        verbose_name_plural = _("trades")
        ordering = ["order", "name_fa"]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "fa").startswith("en") and self.name_en:
            return self.name_en
        return self.name_fa


class SquareQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Square(models.Model):
    """A labour square run by a municipality; its coordinators are the municipality's members with the
    labour-square coordinator role."""

    name = models.CharField(_("name"), max_length=120)
    county = models.ForeignKey(
        "geo.County", verbose_name=_("county"), on_delete=models.PROTECT, related_name="labour_squares"
    )
    city = models.CharField(_("city"), max_length=80)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("managing organisation"),
        on_delete=models.PROTECT,
        related_name="labour_squares",
        limit_choices_to={"kind": "municipality"},
    )
    address = models.CharField(_("address"), max_length=250)
    landmark = models.CharField(_("landmark"), max_length=150, blank=True)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SquareQuerySet.as_manager()

    class Meta:
        verbose_name = _("labour square")
        verbose_name_plural = _("labour squares")
        ordering = ["county__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="squares_square_unique_name",
                violation_error_message=_("This municipality already runs a square with this name."),
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="squares_square_hours_order",
                violation_error_message=_("Closing time must be after opening time."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InsuranceStatus(models.TextChoices):
    INSURED = "insured", pgettext_lazy("labourer insurance", "Insured")
    NOT_INSURED = "not_insured", _("Not insured")
    UNKNOWN = "unknown", _("Not known")


class Labourer(models.Model):
    """A day labourer (کارگر روزمزد) registered at a square by its coordinator, with their consent."""

    square = models.ForeignKey(
        Square, verbose_name=_("labour square"), on_delete=models.PROTECT, related_name="labourers"
    )
    full_name = models.CharField(_("full name"), max_length=120)
    mobile = models.CharField(_("mobile number"), max_length=11, validators=[mobile_validator])
    national_id = models.CharField(
        _("national ID"),
        max_length=10,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_national_id],
        error_messages={"unique": _("A labourer with this national ID is already registered.")},
    )
    trades = models.ManyToManyField(Trade, verbose_name=_("trades"), related_name="labourers")
    insurance = models.CharField(
        _("insurance"), max_length=16, choices=InsuranceStatus.choices, default=InsuranceStatus.UNKNOWN
    )
    consent = models.BooleanField(
        _("consent"),
        default=False,
        help_text=_("The labourer agreed to be registered and contacted by the square's coordinator."),
    )
    registered_on = models.DateField(_("registered on"))
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("day labourer")
        verbose_name_plural = _("day labourers")
        ordering = ["full_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent=True),
                name="squares_labourer_consent",
                violation_error_message=_("A labourer is registered only with their consent."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class CheckIn(models.Model):
    """A labourer was present at the square on a day (recorded by the coordinator)."""

    square = models.ForeignKey(Square, on_delete=models.CASCADE, related_name="check_ins")
    labourer = models.ForeignKey(Labourer, on_delete=models.CASCADE, related_name="check_ins")
    date = models.DateField(_("date"), db_index=True)
    arrived_at = models.DateTimeField(_("arrived at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["date", "arrived_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["labourer", "date"],
                name="squares_checkin_once_a_day",
                violation_error_message=_("This labourer is already marked present on this day."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.labourer_id} {self.date}"


class DayRequest(models.Model):
    """An employer asks a square for N workers of a trade for one day."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("day request status", "Open")
        FILLED = "filled", pgettext_lazy("day request status", "Filled")
        CANCELLED = "cancelled", pgettext_lazy("day request status", "Cancelled")

    square = models.ForeignKey(
        Square, verbose_name=_("labour square"), on_delete=models.PROTECT, related_name="requests"
    )
    employer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employer account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="square_requests",
    )
    employer_name = models.CharField(_("employer's name"), max_length=120)
    employer_mobile = models.CharField(
        _("employer's mobile number"), max_length=11, blank=True, validators=[mobile_validator]
    )
    trade = models.ForeignKey(Trade, verbose_name=_("trade"), on_delete=models.PROTECT, related_name="+")
    workers = models.PositiveSmallIntegerField(_("number of workers"))
    work_date = models.DateField(_("work date"), db_index=True)
    place = models.CharField(_("place of work"), max_length=200)
    daily_wage = models.PositiveBigIntegerField(_("daily wage (rials)"))
    hours = models.PositiveSmallIntegerField(_("hours of work"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("day request")
        verbose_name_plural = _("day requests")
        ordering = ["-work_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(workers__gte=1) & Q(workers__lte=50),
                name="squares_request_workers_range",
                violation_error_message=_("Ask for between 1 and 50 workers."),
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=1) & Q(hours__lte=12),
                name="squares_request_hours_range",
                violation_error_message=_("Hours of work must be between 1 and 12."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trade} × {self.workers} ({self.work_date})"


class Assignment(models.Model):
    """A present labourer sent to a day request, in the fair order, and what happened."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not recorded yet")
        WORKED = "worked", _("Worked")
        NO_SHOW = "no_show", _("Did not show up")
        CANCELLED = "cancelled", pgettext_lazy("assignment outcome", "Cancelled")

    class Wage(models.TextChoices):
        UNKNOWN = "unknown", _("Not recorded yet")
        PAID = "paid", _("Paid in full")
        UNPAID = "unpaid", _("Not paid (complaint)")

    request = models.ForeignKey(DayRequest, on_delete=models.CASCADE, related_name="assignments")
    labourer = models.ForeignKey(Labourer, on_delete=models.PROTECT, related_name="assignments")
    work_date = models.DateField(_("work date"), db_index=True)  # the request's, for the one-a-day rule
    days_worked_before = models.PositiveSmallIntegerField(
        _("days of work in the previous 30 days"),
        help_text=_("Recorded when assigned: why this labourer came first."),
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    wage = models.CharField(_("wage"), max_length=16, choices=Wage.choices, default=Wage.UNKNOWN)
    note = models.CharField(_("note"), max_length=300, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["labourer", "work_date"],
                condition=~Q(outcome="cancelled"),
                name="squares_assignment_one_a_day",
                violation_error_message=_("This labourer already has work on this day."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.labourer_id} → {self.request_id}"


class MinimumDailyWage(models.Model):
    """The lowest daily wage a day request may offer, from a date on (set by the province admin)."""

    effective_from = models.DateField(_("effective from"), unique=True)
    amount = models.PositiveBigIntegerField(_("minimum daily wage (rials)"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("minimum daily wage")
        verbose_name_plural = _("minimum daily wages")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.effective_from}: {self.amount}"
