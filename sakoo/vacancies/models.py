"""Vacancies (فرصت شغلی), applications, placements (hires), saved searches and notifications.

Writes go through ``sakoo.vacancies.services``; reads through ``sakoo.vacancies.selectors``.
Search (the index, the public list/detail API) belongs to ``sakoo.search``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakoo.seekers.models import ContractType, EducationLevel

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationStatus",
    "ContractType",
    "Message",
    "Notification",
    "Placement",
    "PlacementSource",
    "RemoteMode",
    "SavedSearch",
    "SavedVacancy",
    "SexRequirement",
    "Vacancy",
    "VacancyReport",
    "VacancyStatus",
]


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING_REVIEW = "pending_review", _("Pending review")
    PUBLISHED = "published", _("Published")
    FILLED = "filled", _("Filled")
    EXPIRED = "expired", _("Expired")
    CLOSED = "closed", _("Closed")


class RemoteMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    REMOTE = "remote", _("Remote")
    HYBRID = "hybrid", _("Hybrid")


class SexRequirement(models.TextChoices):
    NONE = "none", _("No requirement")
    MALE = "male", _("Men only")
    FEMALE = "female", _("Women only")


class VacancyQuerySet(models.QuerySet):
    def published(self):
        """Public vacancies: published, by a verified employer."""
        return self.filter(status=VacancyStatus.PUBLISHED, employer__verified_at__isnull=False)

    def pending_review(self):
        return self.filter(status=VacancyStatus.PENDING_REVIEW)

    def for_employer(self, employer_id: int):
        return self.filter(employer_id=employer_id)


class Vacancy(models.Model):
    employer = models.ForeignKey(
        "employers.Employer", on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("employer")
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    title_key = models.CharField(
        _("title key"), max_length=200, editable=False, db_index=True, help_text=_("search_key(title)")
    )
    occupation = models.ForeignKey(
        "classifications.Occupation",
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("occupation (ISCO-08)"),
    )
    county = models.ForeignKey(
        "geo.County", on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("county")
    )
    city = models.CharField(_("city"), max_length=80, blank=True)
    contract_type = models.CharField(_("contract type"), max_length=12, choices=ContractType.choices)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(84)]
    )
    remote = models.CharField(
        _("place of work"), max_length=8, choices=RemoteMode.choices, default=RemoteMode.ON_SITE
    )
    wage_min = models.PositiveBigIntegerField(_("minimum monthly wage (rials)"), null=True, blank=True)
    wage_max = models.PositiveBigIntegerField(_("maximum monthly wage (rials)"), null=True, blank=True)
    education_required = models.CharField(
        _("education required"), max_length=12, choices=EducationLevel.choices, blank=True
    )
    field_required = models.CharField(_("field of study required"), max_length=120, blank=True)
    experience_years = models.PositiveSmallIntegerField(
        _("years of experience"), default=0, validators=[MaxValueValidator(40)]
    )
    openings = models.PositiveSmallIntegerField(
        _("number of openings"), default=1, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    insurance_provided = models.BooleanField(_("insurance provided"), default=True)
    sex_requirement = models.CharField(
        _("sex requirement"), max_length=6, choices=SexRequirement.choices, default=SexRequirement.NONE
    )
    sex_requirement_reason = models.CharField(_("reason for the sex requirement"), max_length=300, blank=True)
    marked_it = models.BooleanField(_("IT-oriented"), default=False)
    is_it = models.BooleanField(_("IT-oriented"), default=False, editable=False)
    is_knowledge_based = models.BooleanField(_("knowledge-based company"), default=False, editable=False)
    is_graduate_targeted = models.BooleanField(_("for university graduates"), default=False, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    filled_count = models.PositiveSmallIntegerField(_("openings filled"), default=0)
    needs_moderation = models.BooleanField(_("flagged for moderation"), default=False)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("possible duplicate of"),
    )
    moderation_note = models.CharField(_("moderation note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["employer", "title_key", "county"]),
            models.Index(fields=["county", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.sex_requirement and self.sex_requirement != SexRequirement.NONE:
            if not (self.sex_requirement_reason or "").strip():
                errors["sex_requirement_reason"] = _(
                    "A sex requirement is allowed only with a stated reason, which is shown to job seekers."
                )
        elif (self.sex_requirement_reason or "").strip():
            errors["sex_requirement_reason"] = _("Give a reason only when the vacancy has a sex requirement.")
        if self.wage_min is not None and self.wage_max is not None and self.wage_min > self.wage_max:
            errors["wage_max"] = _("The maximum wage must not be less than the minimum wage.")
        if errors:
            raise ValidationError(errors)

    @property
    def open_positions(self) -> int:
        return max(self.openings - self.filled_count, 0)


class VacancyReport(models.Model):
    class Reason(models.TextChoices):
        FAKE = "fake", _("Fake or misleading")
        DISCRIMINATORY = "discriminatory", _("Discriminatory")
        FEE = "fee", _("Asks for money")
        DUPLICATE = "duplicate", _("Duplicate")
        OTHER = "other", _("Other")

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="reports", verbose_name=_("vacancy")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("reported by")
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    details = models.TextField(_("details"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("vacancy report")
        verbose_name_plural = _("vacancy reports")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["vacancy", "reporter"], name="one_report_per_user")]

    def __str__(self) -> str:
        return f"{self.vacancy_id}: {self.reason}"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SEEN = "seen", _("Seen")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEW = "interview", _("Interview")
    OFFERED = "offered", _("Offered")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(models.Model):
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="applications", verbose_name=_("vacancy")
    )
    seeker = models.ForeignKey(
        "seekers.JobSeeker",
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("job seeker"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    cover_note = models.TextField(_("cover note"), blank=True, max_length=3000)
    created_at = models.DateTimeField(_("applied at"), db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "seeker"], name="one_application_per_vacancy")
        ]
        indexes = [models.Index(fields=["vacancy", "status"])]

    def __str__(self) -> str:
        return f"{self.seeker_id} → {self.vacancy_id}"


class ApplicationEvent(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("application")
    )
    from_status = models.CharField(_("from"), max_length=12, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=ApplicationStatus.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status}→{self.to_status}"


class Message(models.Model):
    """One message of the employer ↔ applicant thread of an application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="messages", verbose_name=_("application")
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("sender")
    )
    from_employer = models.BooleanField(_("sent by the employer"))
    body = models.TextField(_("message"), max_length=3000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.body[:30]}"


class PlacementSource(models.TextChoices):
    PLATFORM = "platform", _("Hired through Sakoo")
    EXTERNAL = "external", _("Reported hire outside Sakoo")


class Placement(models.Model):
    """A registered seeker hired (through Sakoo or reported). What the province monitors: exact, audited."""

    seeker = models.ForeignKey(
        "seekers.JobSeeker", on_delete=models.PROTECT, related_name="placements", verbose_name=_("job seeker")
    )
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("employer"),
    )
    employer_name = models.CharField(
        _("employer name"),
        max_length=200,
        blank=True,
        help_text=_("For external hires by unregistered employers."),
    )
    vacancy = models.ForeignKey(
        Vacancy,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("vacancy"),
    )
    application = models.OneToOneField(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement",
        verbose_name=_("application"),
    )
    occupation = models.ForeignKey(
        "classifications.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation"),
    )
    county = models.ForeignKey(
        "geo.County", on_delete=models.PROTECT, related_name="placements", verbose_name=_("county of work")
    )
    hired_on = models.DateField(_("hired on"), db_index=True)
    contract_type = models.CharField(_("contract type"), max_length=12, choices=ContractType.choices)
    insured = models.BooleanField(_("insured"))
    wage = models.PositiveBigIntegerField(_("monthly wage (rials)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=PlacementSource.choices)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-hired_on", "-pk"]
        indexes = [models.Index(fields=["county", "hired_on"])]

    def __str__(self) -> str:
        return f"{self.seeker_id} @ {self.employer_id or self.employer_name} {self.hired_on}"


class SavedVacancy(models.Model):
    seeker = models.ForeignKey(
        "seekers.JobSeeker",
        on_delete=models.CASCADE,
        related_name="saved_vacancies",
        verbose_name=_("job seeker"),
    )
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="+", verbose_name=_("vacancy")
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved vacancy")
        verbose_name_plural = _("saved vacancies")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["seeker", "vacancy"], name="save_vacancy_once")]

    def __str__(self) -> str:
        return f"{self.seeker_id}: {self.vacancy_id}"


class SavedSearch(models.Model):
    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    querystring = models.CharField(
        _("search"), max_length=1000, help_text=_("The search page's query string.")
    )
    frequency = models.CharField(
        _("frequency"), max_length=6, choices=Frequency.choices, default=Frequency.DAILY
    )
    active = models.BooleanField(_("active"), default=True)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name or self.querystring


class Notification(models.Model):
    """A notice sent once: ``key`` is unique, so a re-run of ``send_alerts`` never sends it twice."""

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")

    class Kind(models.TextChoices):
        SAVED_SEARCH_DIGEST = "digest", _("Saved-search digest")
        NEW_APPLICATION = "new_application", _("New application")
        APPLICATION_STATUS = "application_status", _("Application status")

    key = models.CharField(_("key"), max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=6, choices=Channel.choices)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.key
