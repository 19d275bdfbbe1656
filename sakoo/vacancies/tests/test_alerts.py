import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from sakoo.accounts import sms
from sakoo.vacancies import services
from sakoo.vacancies.models import Notification, SavedSearch, Vacancy
from sakoo.vacancies.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem_sms(settings):
    settings.SMS_BACKEND = "sakoo.accounts.sms.LocmemSMSBackend"
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def search_index(settings, tmp_path):
    """A fresh search index (the search app's cache) for this test, rebuilt on demand."""
    from sakoo.search import services as search_services

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    search_services.reset_engine()
    yield search_services.rebuild_search_index
    search_services.reset_engine()


@pytest.mark.parametrize("engine", ["search", "database"])
def test_digest_sent_once_even_if_rerun(engine, search_index, monkeypatch):
    from sakoo.vacancies import selectors

    if engine == "database":
        monkeypatch.setattr(selectors, "_ids_from_search_engine", lambda params: None)
    seeker = f.seeker()
    saved = services.saved_search_create(user=seeker.user, querystring="q=حسابدار", frequency="daily")
    SavedSearch.objects.filter(pk=saved.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    vacancy = f.vacancy(title="حسابدار")
    Vacancy.objects.filter(pk=vacancy.pk).update(published_at=timezone.now() - dt.timedelta(hours=1))
    f.vacancy(title="جوشکار", description="جوشکاری آرگون", occupation=f.occupation("7212", "جوشکاران"))
    search_index()
    call_command("send_alerts")
    call_command("send_alerts")
    assert [m.to for m in sms.outbox] == [seeker.user.phone]
    assert "حسابدار" in sms.outbox[0].text
    assert "جوشکار" not in sms.outbox[0].text
    assert Notification.objects.filter(kind="digest").count() == 1


def test_no_digest_without_new_vacancies():
    seeker = f.seeker()
    services.saved_search_create(user=seeker.user, querystring="q=خلبان", frequency="weekly")
    f.vacancy(title="حسابدار")
    call_command("send_alerts")
    assert sms.outbox == []


def test_new_application_notice_sent_once():
    vacancy = f.vacancy()
    services.application_submit(vacancy=vacancy, seeker=f.seeker())
    call_command("send_alerts")
    call_command("send_alerts")
    assert [m.to for m in sms.outbox] == [vacancy.employer.member.phone]


def test_failed_send_is_retried_later(monkeypatch):
    from sakoo.vacancies import notifications

    vacancy = f.vacancy()
    services.application_submit(vacancy=vacancy, seeker=f.seeker())

    def boom(notification):
        raise sms.SMSError("down")

    monkeypatch.setattr(notifications, "_deliver", boom)
    assert notifications.notifications_send_pending() == 0
    assert Notification.objects.get().sent_at is None
    monkeypatch.undo()
    assert notifications.notifications_send_pending() == 1
    assert len(sms.outbox) == 1
