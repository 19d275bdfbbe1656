import pytest
from django.core.management import call_command

from sakoo.atlas.models import ReferenceFigure

pytestmark = pytest.mark.django_db


def test_demo_reference_figure_is_entered_once(reference_data):
    call_command("demo_reference_figures", seed=1404)
    call_command("demo_reference_figures", seed=1404)
    figures = list(ReferenceFigure.objects.for_province("03").values_list("value", "unit"))
    assert figures == [(107000, "persons")]
