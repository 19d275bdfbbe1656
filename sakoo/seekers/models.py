"""Job seekers (کارجو) and the dated history of their employment status.

A registered job seeker is a person in Sakoo's registry, not "an unemployed person" in the ILO sense.
``JobSeeker.employment_status`` always equals the latest ``StatusChange`` (kept so by the services).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sakoo.core.validators import validate_national_id


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class EducationLevel(models.TextChoices):
    """Census (1395) education levels, with tertiary split into associate, bachelor, master, doctorate."""

    ILLITERATE = "illiterate", _("Illiterate")
    ELEMENTARY = "elementary", _("Elementary")
    MIDDLE = "middle", _("Lower secondary")
    HIGH_SCHOOL = "high_school", _("Upper secondary (diploma)")
    ASSOCIATE = "associate", _("Associate degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")
    OTHER = "other", _("Other")


# Education levels in ascending order; OTHER is not ranked.
EDUCATION_RANK = {
    EducationLevel.ILLITERATE: 0,
    EducationLevel.ELEMENTARY: 1,
    EducationLevel.MIDDLE: 2,
    EducationLevel.HIGH_SCHOOL: 3,
    EducationLevel.ASSOCIATE: 4,
    EducationLevel.BACHELOR: 5,
    EducationLevel.MASTER: 6,
    EducationLevel.DOCTORATE: 7,
}
GRADUATE_LEVELS = frozenset(
    {EducationLevel.ASSOCIATE, EducationLevel.BACHELOR, EducationLevel.MASTER, EducationLevel.DOCTORATE}
)


class EmploymentStatus(models.TextChoices):
    UNEMPLOYED_LOOKING = "unemployed_looking", _("Unemployed and looking for work")
    EMPLOYED_LOOKING = "employed_looking", _("Employed and looking for work")
    NOT_LOOKING = "not_looking", _("Not looking for work")
    # Set by a recorded hire (placement): employed, no longer counted as looking.
    EMPLOYED = "employed", _("Employed (hired)")


#: Statuses a seeker may choose on their profile (``employed`` comes from a recorded hire).
SELF_REPORTED_STATUSES = (
    EmploymentStatus.UNEMPLOYED_LOOKING,
    EmploymentStatus.EMPLOYED_LOOKING,
    EmploymentStatus.NOT_LOOKING,
)


class ContractType(models.TextChoices):
    """Shared with vacancies and placements (vacancies imports it from here)."""

    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed-term")
    PART_TIME = "part_time", _("Part-time")
    SEASONAL = "seasonal", _("Seasonal")
    DAY_LABOUR = "day_labour", _("Day labour")
    INTERNSHIP = "internship", _("Internship")


class PriorityGroup(models.TextChoices):
    NONE = "", _("None")
    MARTYRS_VETERANS = "martyrs_veterans", _("Families of martyrs and veterans")
    RELIEF_COMMITTEE = "relief_committee", _("Covered by the Relief Committee")
    WELFARE = "welfare", _("Covered by the Welfare Organization")
    FEMALE_HEAD = "female_head", _("Female head of household")
    OTHER = "other", _("Other")


class Disability(models.TextChoices):
    NONE = "", _("None")
    PHYSICAL = "physical", _("Physical")
    VISUAL = "visual", _("Visual")
    HEARING = "hearing", _("Hearing")
    OTHER = "other", _("Other")


class JobSeekerQuerySet(models.QuerySet):
    def findable(self):
        """Seekers who consented to be found by employers."""
        return self.filter(consent_to_be_found=True)

    def graduates(self):
        return self.filter(is_graduate=True)


class JobSeeker(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="job_seeker", verbose_name=_("user")
    )
    national_id = models.CharField(
        _("national ID"), max_length=10, unique=True, validators=[validate_national_id]
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    county = models.ForeignKey(
        "geo.County",
        on_delete=models.PROTECT,
        related_name="job_seekers",
        verbose_name=_("county of residence"),
    )
    city = models.CharField(_("city"), max_length=80, blank=True)
    education_level = models.CharField(_("education level"), max_length=12, choices=EducationLevel.choices)
    field_of_study = models.CharField(_("field of study"), max_length=120, blank=True)
    university = models.CharField(_("university"), max_length=150, blank=True)
    graduation_year = models.PositiveSmallIntegerField(
        _("graduation year (Jalali)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1330), MaxValueValidator(1420)],
    )
    is_graduate = models.BooleanField(
        _("university graduate"), default=False, editable=False, help_text=_("Associate degree or above.")
    )
    skills = models.TextField(_("skills"), blank=True, help_text=_("Separate skills with commas."))
    desired_occupations = models.ManyToManyField(
        "classifications.Occupation", blank=True, related_name="+", verbose_name=_("desired occupations")
    )
    preferred_contract_types = models.JSONField(_("preferred contract types"), default=list, blank=True)
    preferred_counties = models.ManyToManyField(
        "geo.County", blank=True, related_name="+", verbose_name=_("preferred counties")
    )
    expected_wage = models.PositiveBigIntegerField(_("expected monthly wage (rials)"), null=True, blank=True)
    disability = models.CharField(_("disability"), max_length=10, choices=Disability.choices, blank=True)
    priority_group = models.CharField(
        _("priority group"), max_length=20, choices=PriorityGroup.choices, blank=True
    )
    employment_status = models.CharField(
        _("employment status"),
        max_length=20,
        choices=EmploymentStatus.choices,
        default=EmploymentStatus.UNEMPLOYED_LOOKING,
    )
    registered_on = models.DateField(_("registered on"))
    consent_to_be_found = models.BooleanField(_("employers may find my profile"), default=False)
    cv_pdf = models.FileField(
        _("CV (PDF)"),
        upload_to="cv/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = JobSeekerQuerySet.as_manager()

    class Meta:
        verbose_name = _("job seeker")
        verbose_name_plural = _("job seekers")
        # No default ordering: aggregate queries (values().distinct()) stay what they say; lists order explicitly.
        indexes = [
            models.Index(fields=["county", "employment_status"]),
            models.Index(fields=["registered_on"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def skill_list(self) -> list[str]:
        return [part.strip() for part in self.skills.replace("،", ",").split(",") if part.strip()]


class WorkExperience(models.Model):
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="experiences", verbose_name=_("job seeker")
    )
    title = models.CharField(_("job title"), max_length=150)
    employer_name = models.CharField(_("employer"), max_length=150, blank=True)
    occupation = models.ForeignKey(
        "classifications.Occupation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation"),
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True, help_text=_("Empty if current."))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.title


class StatusChange(models.Model):
    """One dated entry of a seeker's employment status: valid from ``valid_from`` until the next entry."""

    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("job seeker")
    )
    status = models.CharField(_("status"), max_length=20, choices=EmploymentStatus.choices)
    valid_from = models.DateField(_("valid from"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    placement = models.ForeignKey(
        "vacancies.Placement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="status_changes",
        verbose_name=_("placement"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["seeker", "valid_from", "pk"]
        indexes = [models.Index(fields=["seeker", "valid_from"]), models.Index(fields=["valid_from"])]

    def __str__(self) -> str:
        return f"{self.seeker_id} {self.status} {self.valid_from}"
