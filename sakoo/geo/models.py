"""Geography and the 2016 census baseline.

Boundaries and county lists come from OpenStreetMap (© OpenStreetMap contributors, ODbL 1.0); census
figures from the Statistical Centre of Iran (SCI), 2016 (1395) National Population and Housing Census.
See sakoo/geo/data/README.md. Census figures are stored on the 2016 census units (``census_code``), never
on current boundaries: a county created after 2016 points to the unit that holds its figures through
``County.census2016_parent_code``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    code = models.CharField(_("code"), max_length=2, unique=True, help_text=_("SCI two-digit code"))
    iso3166_2 = models.CharField(_("ISO 3166-2 code"), max_length=6, blank=True)
    name_fa = models.CharField(_("Persian name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return f"{self.code} {self.name_fa}"


class County(models.Model):
    """A county (شهرستان) as it stands in the shipped OpenStreetMap boundaries."""

    code = models.CharField(
        _("SCI code"),
        max_length=4,
        unique=True,
        help_text=_("Four-digit county code of the Statistical Centre of Iran"),
    )
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="counties")
    name_fa = models.CharField(_("Persian name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    search_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    osm_relation = models.BigIntegerField(_("OpenStreetMap relation"), unique=True)
    wikidata = models.CharField(_("Wikidata item"), max_length=20, blank=True)
    census2016_code = models.CharField(
        _("census 2016 code"),
        max_length=4,
        blank=True,
        db_index=True,
        help_text=_("Blank when the county did not exist at the 2016 census"),
    )
    census2016_parent_code = models.CharField(
        _("census 2016 parent code"),
        max_length=4,
        blank=True,
        db_index=True,
        help_text=_("For counties created after 2016: the 2016 county that holds their 2016 figures"),
    )
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    centroid_lat = models.FloatField(_("centroid latitude"), null=True, blank=True)
    centroid_lon = models.FloatField(_("centroid longitude"), null=True, blank=True)
    neighbours = models.ManyToManyField("self", symmetrical=True, blank=True, verbose_name=_("neighbours"))

    class Meta:
        ordering = ["province__code", "code"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name_fa

    @property
    def census2016_unit_code(self) -> str:
        """The 2016 census unit that holds this county's 2016 figures (its own code or its parent's)."""
        return self.census2016_code or self.census2016_parent_code

    @property
    def existed_in_2016(self) -> bool:
        return bool(self.census2016_code)


class CountyVersion(models.Model):
    """Which county existed under an SCI code in a given division year (Jalali), for crosswalks."""

    province_code = models.CharField(max_length=2, db_index=True)
    code = models.CharField(max_length=4, db_index=True)
    year = models.PositiveSmallIntegerField(help_text=_("Jalali year"))
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["code", "year"]
        constraints = [models.UniqueConstraint(fields=["code", "year"], name="geo_countyversion_code_year")]
        verbose_name = _("county version")
        verbose_name_plural = _("county versions")

    def __str__(self) -> str:
        return f"{self.code} {self.year}: {self.name}"


class Sex(models.TextChoices):
    MALE = "male", _("Men")
    FEMALE = "female", _("Women")


class ActivityStatus(models.TextChoices):
    ACTIVE = "active", _("Active (employed and unemployed)")
    UNEMPLOYED = "unemployed", _("Unemployed")


class CensusEducation(models.TextChoices):
    """The eight education levels of the 2016 census activity tables."""

    ELEMENTARY = "elementary", _("Elementary school")
    MIDDLE = "middle", _("Middle school")
    HIGH_SCHOOL = "high_school", _("High school")
    COLLEGE = "college", _("College")
    HIGHER = "higher", _("Higher education")
    OTHER = "other", _("Other education")
    ILLITERATE = "illiterate", _("Illiterate")
    UNKNOWN = "unknown", _("Unknown")


#: Graduates in the census tables: College + Higher education.
GRADUATE_LEVELS = frozenset({CensusEducation.COLLEGE, CensusEducation.HIGHER})


class CensusActivity(models.Model):
    """SCI census 2016: economically active / unemployed persons in a 2016 county by sex and education.

    "Active" is the whole active population (employed + unemployed).
    """

    province_code = models.CharField(max_length=2, db_index=True)
    census_code = models.CharField(max_length=4, db_index=True)
    county_name = models.CharField(max_length=100)
    sex = models.CharField(max_length=6, choices=Sex.choices)
    status = models.CharField(max_length=10, choices=ActivityStatus.choices)
    education = models.CharField(max_length=12, choices=CensusEducation.choices)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["census_code", "sex", "status", "education"]
        constraints = [
            models.UniqueConstraint(
                fields=["census_code", "sex", "status", "education"], name="geo_censusactivity_unique"
            )
        ]
        indexes = [models.Index(fields=["province_code", "status"], name="geo_censusact_prov_status")]
        verbose_name = _("census 2016 activity figure")
        verbose_name_plural = _("census 2016 activity figures")

    def __str__(self) -> str:
        return f"{self.census_code} {self.sex} {self.status} {self.education}: {self.count}"

    @property
    def is_graduate(self) -> bool:
        return self.education in GRADUATE_LEVELS


class CensusPopulation(models.Model):
    """SCI census 2016: population of a 2016 county by five-year age group and sex."""

    province_code = models.CharField(max_length=2, db_index=True)
    census_code = models.CharField(max_length=4, db_index=True)
    county_name = models.CharField(max_length=100)
    age_group = models.CharField(max_length=8)
    sex = models.CharField(max_length=6, choices=Sex.choices)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["census_code", "age_group", "sex"]
        constraints = [
            models.UniqueConstraint(
                fields=["census_code", "age_group", "sex"], name="geo_censuspopulation_unique"
            )
        ]
        verbose_name = _("census 2016 population figure")
        verbose_name_plural = _("census 2016 population figures")

    def __str__(self) -> str:
        return f"{self.census_code} {self.age_group} {self.sex}: {self.count}"


class ReferenceDataset(models.Model):
    """Content hash of each loaded reference file, so that `load_reference` can skip unchanged ones."""

    name = models.CharField(max_length=100, unique=True)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reference dataset")
        verbose_name_plural = _("reference datasets")

    def __str__(self) -> str:
        return self.name
