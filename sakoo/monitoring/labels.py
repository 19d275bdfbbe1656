"""Display labels for breakdown keys (choices of the seekers/vacancies apps, ISCO and ISIC titles)."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def breakdown_labels() -> dict[str, dict[str, str]]:
    from sakoo.classifications.models import EconomicActivity, Occupation
    from sakoo.seekers.models import ContractType, EducationLevel, Sex
    from sakoo.vacancies.models import PlacementSource

    fa = (get_language() or "fa").startswith("fa")
    occupations = {
        o.code: (o.title_fa if fa else o.title_en) or o.title_fa or o.code
        for o in Occupation.objects.filter(level=1).only("code", "title_fa", "title_en")
    }
    activities = {
        a.code: (a.title_fa if fa else a.title_en) or a.title_fa or a.code
        for a in EconomicActivity.objects.filter(level=1).only("code", "title_fa", "title_en")
    }
    unknown = str(_("Not recorded"))
    occupations["unknown"] = unknown
    activities["unknown"] = unknown
    return {
        "sex": {k: str(v) for k, v in Sex.choices},
        "education": {k: str(v) for k, v in EducationLevel.choices},
        "contract": {k: str(v) for k, v in ContractType.choices},
        "source": {k: str(v) for k, v in PlacementSource.choices},
        "occupation": occupations,
        "activity": activities,
        "field": {"-": unknown},
        "age": {"65+": "۶۵+" if fa else "65+"},
    }
