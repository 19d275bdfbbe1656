"""The monitoring indicators: what each counts, from which source, and how it is combined.

``kind``: ``stock`` (at the month's last day), ``flow`` (within the month), ``median`` (not additive), or
``ratio`` (derived at read time from two additive indicators).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SOURCE_REGISTRY = _("Sakoo registry of job seekers (status history)")
SOURCE_PLACEMENTS = _("Placements recorded in Sakoo: hires through the platform and hires reported outside it")
SOURCE_VACANCIES = _("Vacancies published in Sakoo")


@dataclass(frozen=True)
class Indicator:
    code: str
    label: object
    definition: object
    source: object
    kind: str  # stock | flow | median | ratio
    unit: str = "persons"  # persons | vacancies | openings | days | share | ratio
    numerator: str = ""  # for ratios: "indicator" or "indicator:breakdown:key"
    denominator: str = ""
    public: bool = True


INDICATORS: dict[str, Indicator] = {}


def _add(*items: Indicator) -> None:
    for item in items:
        INDICATORS[item.code] = item


_add(
    Indicator(
        "registered_job_seekers",
        _("Registered job seekers"),
        _("People in Sakoo's registry on the month's last day, whatever their employment status. Not the number of unemployed people."),
        SOURCE_REGISTRY,
        "stock",
    ),
    Indicator(
        "unemployed_looking",
        _("Registered: unemployed and looking"),
        _("Registered job seekers whose status on the month's last day was 'unemployed and looking for work' (self-declared, not the ILO definition)."),
        SOURCE_REGISTRY,
        "stock",
    ),
    Indicator(
        "employed_looking",
        _("Registered: employed and looking"),
        _("Registered job seekers whose status on the month's last day was 'employed and looking for work'."),
        SOURCE_REGISTRY,
        "stock",
    ),
    Indicator(
        "not_looking",
        _("Registered: not looking"),
        _("Registered job seekers whose status on the month's last day was 'not looking for work'."),
        SOURCE_REGISTRY,
        "stock",
    ),
    Indicator(
        "new_registrations",
        _("New registrations"),
        _("Job seekers who registered in Sakoo during the month."),
        SOURCE_REGISTRY,
        "flow",
    ),
    Indicator(
        "placements",
        _("Placements this month"),
        _("Registered job seekers hired during the month (hire date in the month), through Sakoo or reported as hired outside it."),
        SOURCE_PLACEMENTS,
        "flow",
    ),
    Indicator(
        "placements_12m",
        _("Placements in the last 12 months"),
        _("Placements with a hire date in the 12 Jalali months ending with this month."),
        SOURCE_PLACEMENTS,
        "flow",
    ),
    Indicator(
        "open_vacancies",
        _("Open vacancies"),
        _("Vacancies published on or before the month's last day and neither closed nor expired by then."),
        SOURCE_VACANCIES,
        "stock",
        unit="vacancies",
    ),
    Indicator(
        "open_openings",
        _("Openings in open vacancies"),
        _("The number of posts (openings) in the open vacancies on the month's last day."),
        SOURCE_VACANCIES,
        "stock",
        unit="openings",
    ),
    Indicator(
        "vacancies_published",
        _("Vacancies published"),
        _("Vacancies first published during the month."),
        SOURCE_VACANCIES,
        "flow",
        unit="vacancies",
    ),
    Indicator(
        "vacancies_per_job_seeker",
        _("Openings per job seeker looking"),
        _("Openings in open vacancies ÷ registered job seekers looking for work (unemployed or employed), on the month's last day."),
        SOURCE_VACANCIES,
        "ratio",
        unit="ratio",
        numerator="open_openings",
        denominator="looking",
    ),
    Indicator(
        "median_days_to_placement",
        _("Median days from registration to placement"),
        _("Median number of days between a placed job seeker's registration and hire date, over the month's placements."),
        SOURCE_PLACEMENTS,
        "median",
        unit="days",
    ),
    # The governor's themes
    Indicator(
        "graduate_share_placements",
        _("Graduates' share of placements"),
        _("Placements of university graduates (associate degree or above) ÷ all placements in the month."),
        SOURCE_PLACEMENTS,
        "ratio",
        unit="share",
        numerator="placements:graduate:graduate",
        denominator="placements",
    ),
    Indicator(
        "graduate_share_seekers",
        _("Graduates' share of job seekers"),
        _("University graduates among registered job seekers on the month's last day."),
        SOURCE_REGISTRY,
        "ratio",
        unit="share",
        numerator="registered_job_seekers:graduate:graduate",
        denominator="registered_job_seekers",
    ),
    Indicator(
        "placements_knowledge_based",
        _("Placements in knowledge-based companies"),
        _("Placements with employers certified as knowledge-based companies."),
        SOURCE_PLACEMENTS,
        "flow",
    ),
    Indicator(
        "it_vacancies",
        _("Open IT-oriented vacancies"),
        _("Open vacancies marked IT-oriented or in ICT occupations (ISCO 25xx, 35xx) on the month's last day."),
        SOURCE_VACANCIES,
        "stock",
        unit="vacancies",
    ),
    Indicator(
        "it_placements",
        _("IT-oriented placements"),
        _("Placements into IT-oriented vacancies or ICT occupations (ISCO 25xx, 35xx)."),
        SOURCE_PLACEMENTS,
        "flow",
    ),
    Indicator(
        "insured_share_placements",
        _("Insured share of placements"),
        _("Placements with social insurance ÷ all placements in the month."),
        SOURCE_PLACEMENTS,
        "ratio",
        unit="share",
        numerator="placements:insured:insured",
        denominator="placements",
    ),
    Indicator(
        "permanent_share_placements",
        _("Permanent contracts' share of placements"),
        _("Placements on permanent contracts ÷ all placements (the rest are temporary: fixed-term, part-time, seasonal, day labour, internship)."),
        SOURCE_PLACEMENTS,
        "ratio",
        unit="share",
        numerator="placements:contract:permanent",
        denominator="placements",
    ),
    Indicator(
        "placements_cooperative",
        _("Jobs in cooperatives"),
        _("Placements with employers registered as cooperatives."),
        SOURCE_PLACEMENTS,
        "flow",
    ),
    Indicator(
        "women_share_seekers",
        _("Women's share of job seekers"),
        _("Women among registered job seekers on the month's last day."),
        SOURCE_REGISTRY,
        "ratio",
        unit="share",
        numerator="registered_job_seekers:sex:female",
        denominator="registered_job_seekers",
    ),
    Indicator(
        "women_share_placements",
        _("Women's share of placements"),
        _("Placements of women ÷ all placements in the month."),
        SOURCE_PLACEMENTS,
        "ratio",
        unit="share",
        numerator="placements:sex:female",
        denominator="placements",
    ),
    Indicator(
        "youth_share_seekers",
        _("Youth's (15–29) share of job seekers"),
        _("Registered job seekers aged 15 to 29 on the month's last day ÷ all registered job seekers."),
        SOURCE_REGISTRY,
        "ratio",
        unit="share",
        numerator="registered_job_seekers:youth:youth",
        denominator="registered_job_seekers",
    ),
    Indicator(
        "youth_share_placements",
        _("Youth's (15–29) share of placements"),
        _("Placements of people aged 15 to 29 on the hire date ÷ all placements in the month."),
        SOURCE_PLACEMENTS,
        "ratio",
        unit="share",
        numerator="placements:youth:youth",
        denominator="placements",
    ),
)

HEADLINE = [
    "registered_job_seekers",
    "unemployed_looking",
    "employed_looking",
    "new_registrations",
    "placements",
    "placements_12m",
    "open_vacancies",
    "open_openings",
    "vacancies_per_job_seeker",
    "median_days_to_placement",
]
THEMES = [
    "graduate_share_placements",
    "graduate_share_seekers",
    "placements_knowledge_based",
    "it_vacancies",
    "it_placements",
    "insured_share_placements",
    "permanent_share_placements",
    "placements_cooperative",
    "women_share_seekers",
    "women_share_placements",
    "youth_share_seekers",
    "youth_share_placements",
]
TREND_INDICATORS = ["placements", "new_registrations", "unemployed_looking", "registered_job_seekers", "open_openings"]

BREAKDOWNS = {
    "sex": _("Sex"),
    "age": _("Age group"),
    "education": _("Education"),
    "field": _("Field of study"),
    "occupation": _("Occupation group (ISCO-08)"),
    "activity": _("Economic activity (ISIC Rev.4)"),
    "contract": _("Contract type"),
    "source": _("How the hire was made"),
}
# Which breakdowns each base indicator carries.
SEEKER_BREAKDOWNS = ["sex", "age", "education", "field", "graduate", "youth"]
PLACEMENT_BREAKDOWNS = [
    "sex", "age", "education", "field", "graduate", "youth", "occupation", "activity", "contract", "insured", "source",
]

AGE_GROUPS = [(0, 14, "0-14"), (15, 24, "15-24"), (25, 29, "25-29"), (30, 39, "30-39"), (40, 49, "40-49"),
              (50, 64, "50-64"), (65, 200, "65+")]


def age_group(age: int) -> str:
    for low, high, label in AGE_GROUPS:
        if low <= age <= high:
            return label
    return "0-14"


def is_youth(age: int) -> bool:
    return 15 <= age <= 29


def get(code: str) -> Indicator | None:
    return INDICATORS.get(code)
