"""ISCO-08 (Iran) and ISIC Rev.4 load with their hierarchy, Persian titles and GenAI exposure."""

import pytest

from sakoo.classifications.loaders import load_classifications
from sakoo.classifications.models import EconomicActivity, GenAIExposure, Occupation

pytestmark = [pytest.mark.django_db]


def test_isco_levels(reference_data):
    counts = {level: Occupation.objects.filter(level=level).count() for level in (1, 2, 3, 4)}
    assert counts == {1: 10, 2: 42, 3: 129, 4: 420}


def test_isco_hierarchy_and_titles(reference_data):
    unit = Occupation.objects.get(code="2512")
    assert unit.level == 4
    assert unit.parent.code == "251"
    assert unit.parent.parent.code == "25"
    assert unit.parent.parent.parent.code == "2"
    assert unit.parent.parent.parent.parent is None
    assert Occupation.objects.get(code="1").title_fa == "مدیران"
    assert Occupation.objects.get(code="1").title_en == "Managers"
    # Iran-specific unit groups have no English title
    assert Occupation.objects.get(code="1214").title_en == ""
    assert not Occupation.objects.filter(title_fa__contains="ي").exists()


def test_ict_occupations_are_25xx_and_35xx(reference_data):
    codes = set(Occupation.objects.filter(is_it=True).values_list("code", flat=True))
    assert codes
    assert all(code[:2] in {"25", "35"} and len(code) == 4 for code in codes)
    assert codes == set(
        Occupation.objects.filter(level=4, code__regex=r"^(25|35)").values_list("code", flat=True)
    )
    assert not Occupation.objects.get(code="25").is_it  # only unit groups carry the flag


def test_genai_exposure(reference_data):
    assert GenAIExposure.objects.count() == 427
    gradients = {
        value: GenAIExposure.objects.filter(exposure=value).count()
        for value in ("not_exposed", "minimal", "gradient_1", "gradient_2", "gradient_3", "gradient_4")
    }
    assert list(gradients.values()) == [231, 84, 17, 44, 38, 13]
    scored = Occupation.objects.filter(genai_exposure__gt="")
    shared_codes = set(GenAIExposure.objects.values_list("isco08", flat=True)) & set(
        Occupation.objects.filter(level=4).values_list("code", flat=True)
    )
    assert scored.count() == len(shared_codes)
    occupation = scored.first()
    exposure = GenAIExposure.objects.get(isco08=occupation.code)
    assert (occupation.genai_mean_score, occupation.genai_exposure, occupation.genai_tasks) == (
        exposure.mean_score,
        exposure.exposure,
        exposure.tasks,
    )


def test_isic_levels_and_hierarchy(reference_data):
    counts = {level: EconomicActivity.objects.filter(level=level).count() for level in (1, 2, 3, 4, 5)}
    assert counts == {1: 21, 2: 88, 3: 234, 4: 415, 5: 185}
    national = EconomicActivity.objects.get(code="01110")
    assert [national.parent.code, national.parent.parent.code, national.parent.parent.parent.code] == [
        "0111",
        "011",
        "01",
    ]
    assert national.parent.parent.parent.parent.code == "A"
    assert EconomicActivity.objects.get(code="05").parent.code == "B"
    assert EconomicActivity.objects.get(code="A").parent is None
    assert EconomicActivity.objects.filter(level=2, parent__isnull=True).count() == 0


def test_search_key_for_typeahead(reference_data):
    occupation = Occupation.objects.get(code="1")
    assert occupation.search_key == "1 مدیران managers"
    # Arabic yeh/kaf typed by the user match through the same key function
    from sakoo.core.text import search_key

    assert Occupation.objects.filter(search_key__contains=search_key("مديران")).exists()


def test_reload_changes_nothing(reference_data):
    for force in (False, True):
        assert sum(result.changed for result in load_classifications(force=force)) == 0


def test_typeahead_occupations(reference_data):
    from sakoo.classifications.selectors import search_occupations

    results = search_occupations("مدير")  # Arabic yeh typed
    assert results
    assert all(o.level == 4 for o in results)
    assert all("مدیر" in o.title_fa for o in results)
    by_code = search_occupations("2512")
    assert by_code[0].code == "2512"
    assert search_occupations("   ") == []


def test_typeahead_activities(reference_data):
    from sakoo.classifications.selectors import activity_by_code, search_activities

    results = search_activities("mining")
    assert results[0].code == "B"
    assert activity_by_code("b").code == "B"
    assert search_activities("01110")[0].code == "01110"
