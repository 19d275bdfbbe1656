import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_calendar_page_marks_nowruz(client):
    call_command("load_calendar", "--from-year", "1403", "--to-year", "1403")
    response = client.get("/calendar/", {"month": "۱۴۰۳-۰۱", "scope": "government"})
    assert response.status_code == 200
    cells = [c for week in response.context["weeks"] for c in week if c]
    assert [c["day"] for c in cells if c["holiday"]] == [1, 2, 3, 4, 12, 13, 22, 23]
    # 31 days − 8 holidays − 7 Thursdays and Fridays that are not holidays = 16
    assert response.context["working_count"] == 16
    assert "جشن نوروز" in response.content.decode()


def test_bad_month_falls_back_to_the_current_month(client):
    response = client.get("/calendar/", {"month": "abc"})
    assert response.status_code == 200
