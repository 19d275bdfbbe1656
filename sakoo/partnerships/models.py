"""University–industry–labour-office partnerships and skills training.

* **Tripartite agreements** (تفاهم‌نامه سه‌جانبه): a university, one or more companies and the
  province's labour office commit to internships, graduate hires and training seats. What was achieved
  is counted from Sakoo's own placements and from dated, attributed progress reports.
* **Skills training** (مهارت‌آموزی): courses of a training provider (e.g. the Technical and Vocational
  Training Organization), job seekers' enrolments, completion, and placements after the course.

Writes go through ``sakoo.partnerships.services``; reads and access checks through
``sakoo.partnerships.selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class University(models.Model):
    """A university whose graduates the agreements are about. Job seekers type their university as free
    text, so ``aliases`` lists the other spellings that mean this university (one per line)."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    county = models.ForeignKey(
        "geo.County", verbose_name=_("county"), on_delete=models.PROTECT, related_name="universities"
    )
    aliases = models.TextField(
        _("other spellings"),
        blank=True,
        help_text=_("Other names job seekers type for this university, one per line."),
    )

    class Meta:
        verbose_name = _("university")
        verbose_name_plural = _("universities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def names(self) -> list[str]:
        """The name and its other spellings, as stored on job seekers' profiles."""
        return [self.name] + [line.strip() for line in self.aliases.splitlines() if line.strip()]


class AgreementQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status__in=(Agreement.Status.SIGNED, Agreement.Status.ACTIVE))


class Agreement(models.Model):
    """A tripartite agreement: university + companies + the province's labour office."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("agreement status", "Draft")
        SIGNED = "signed", pgettext_lazy("agreement status", "Signed")
        ACTIVE = "active", pgettext_lazy("agreement status", "Active")
        ENDED = "ended", pgettext_lazy("agreement status", "Ended")
        CANCELLED = "cancelled", pgettext_lazy("agreement status", "Cancelled")

    title = models.CharField(_("title"), max_length=200)
    university = models.ForeignKey(
        University, verbose_name=_("university"), on_delete=models.PROTECT, related_name="agreements"
    )
    employers = models.ManyToManyField(
        "employers.Employer", verbose_name=_("companies"), related_name="partnership_agreements"
    )
    labour_office = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("labour office"),
        on_delete=models.PROTECT,
        related_name="partnership_agreements",
        limit_choices_to={"kind": "agency"},
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"))
    fields_of_study = models.CharField(_("fields of study"), max_length=300, blank=True)
    internships_committed = models.PositiveIntegerField(_("internships offered"), default=0)
    hires_committed = models.PositiveIntegerField(_("graduates to hire"), default=0)
    training_seats_committed = models.PositiveIntegerField(_("training seats"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("tripartite agreement")
        verbose_name_plural = _("tripartite agreements")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(status="cancelled") | Q(signed_on__isnull=False),
                name="partnerships_agreement_signed_has_date",
                violation_error_message=_("A signed agreement needs the date it was signed."),
            ),
            models.CheckConstraint(
                condition=Q(duration_months__gte=1) & Q(duration_months__lte=120),
                name="partnerships_agreement_duration_range",
                violation_error_message=_("Duration: between 1 and 120 months."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProgressReport(models.Model):
    """A figure reported by hand, dated and attributed: how many internships, hires or training seats
    the parties report **so far** (cumulative, as of a date) that Sakoo's own records do not show. The
    latest report of each measure counts; earlier ones stay as the trail (a correction is a new report,
    never an edit)."""

    class Measure(models.TextChoices):
        INTERNSHIPS = "internships", _("Internships")
        HIRES = "hires", _("Graduates hired")
        TRAINING = "training", _("Training seats")

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="reports")
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    number = models.PositiveIntegerField(_("reported number"))
    as_of = models.DateField(_("as of"))
    note = models.CharField(_("source of the figure"), max_length=300)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-as_of", "-pk"]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.measure} {self.number}"


class AgreementChange(models.Model):
    """An edit of an agreement's parties, dates or commitments, dated and attributed: which fields changed,
    what they were and what they became (as shown at the time: names, not ids, so the trail still reads
    true if a university or a company is renamed later), and why. Written only by
    ``services.agreement_update``; never edited."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="changes")
    #: ``[{"field": "hires_committed", "old": 20, "new": 25}, ...]`` in the order of the form: numbers as
    #: numbers, dates as ISO text (or null), the university and the labour office by name, the companies
    #: as a list of names.
    changes = models.JSONField(_("before and after"), default=list)
    reason = models.CharField(_("reason for the change"), max_length=300)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("agreement change")
        verbose_name_plural = _("agreement changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.agreement_id} {', '.join(item['field'] for item in self.changes)}"


class TrainingProvider(models.Model):
    """Who runs skills-training courses. Its staff are the members of ``organisation`` (an agency, such
    as the province's Technical and Vocational Training Organization)."""

    class Kind(models.TextChoices):
        TVTO = "tvto", _("Technical and Vocational Training Organization")
        PRIVATE = "private", _("Licensed private institute")
        UNIVERSITY = "university", _("University")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="training_providers",
        limit_choices_to={"kind": "agency"},
    )

    class Meta:
        verbose_name = _("training provider")
        verbose_name_plural = _("training providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CourseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Course(models.Model):
    """A skills-training course: an occupation (ISCO-08), a county, dates, seats and hours."""

    provider = models.ForeignKey(
        TrainingProvider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="courses"
    )
    title = models.CharField(_("title"), max_length=200)
    occupation = models.ForeignKey(
        "classifications.Occupation",
        verbose_name=_("occupation (ISCO-08)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    county = models.ForeignKey(
        "geo.County", verbose_name=_("county"), on_delete=models.PROTECT, related_name="training_courses"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    seats = models.PositiveSmallIntegerField(_("seats"))
    hours = models.PositiveSmallIntegerField(_("hours"))
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("under agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-starts_on", "pk"]
        indexes = [models.Index(fields=["county", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="partnerships_course_dates_order",
                violation_error_message=_("End date: the course cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1) & Q(hours__gte=1),
                name="partnerships_course_seats_hours",
                violation_error_message=_("Seats and hours: at least 1."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Enrolment(models.Model):
    """A job seeker enrolled in a course; the provider's staff mark completion."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", pgettext_lazy("enrolment status", "Enrolled")
        COMPLETED = "completed", pgettext_lazy("enrolment status", "Completed")
        DROPPED = "dropped", pgettext_lazy("enrolment status", "Did not complete")

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    seeker = models.ForeignKey(
        "seekers.JobSeeker", verbose_name=_("job seeker"), on_delete=models.PROTECT, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ENROLLED)
    enrolled_on = models.DateField(_("enrolled on"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["course", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "seeker"],
                name="partnerships_enrolment_once",
                violation_error_message=_("You are already enrolled in this course."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.seeker_id} → {self.course_id}"
