"""Notices to the seeker when an employer moves their application, and absolute links in every notice."""

import datetime as dt
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sakoo.accounts import sms
from sakoo.vacancies import notifications, services
from sakoo.vacancies.checks import check_site_url
from sakoo.vacancies.models import Notification, SavedSearch, Vacancy
from sakoo.vacancies.tests import factories as f

pytestmark = pytest.mark.django_db

SITE = "https://sakoo.example.ir"


@pytest.fixture(autouse=True)
def locmem_sms_and_site(settings):
    settings.SMS_BACKEND = "sakoo.accounts.sms.LocmemSMSBackend"
    settings.SAKOO_SITE_URL = SITE
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def _applied(**vacancy_kw):
    vacancy = f.vacancy(emp=f.employer(name="شرکت نمونه 24"), title="حسابدار ارشد", **vacancy_kw)
    application = services.application_submit(vacancy=vacancy, seeker=f.seeker())
    return application


def _seeker_notices(application):
    return list(
        Notification.objects.filter(user=application.seeker.user).order_by("pk").values_list("kind", "body")
    )


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("shortlisted", "فهرست کوتاه"),
        ("interview", "مصاحبه"),
        ("offered", "پیشنهاد همکاری"),
        ("rejected", "سپاس"),
    ],
)
def test_each_move_queues_one_persian_notice_with_an_absolute_link(status, words):
    application = _applied()
    services.application_move(
        application=application, to_status=status, by=application.vacancy.employer.member
    )
    [(kind, body)] = _seeker_notices(application)
    url = f"{SITE}{reverse('vacancies:application', args=[application.pk])}"
    assert kind == "application_status"
    assert words in body
    assert "«حسابدار ارشد»" in body
    assert "شرکت نمونه 24" in body
    assert body.endswith(url)


def test_seen_is_not_a_notice():
    application = _applied()
    services.application_mark_seen(application=application, by=application.vacancy.employer.member)
    assert _seeker_notices(application) == []


def test_each_notice_is_sent_once_even_if_rerun():
    application = _applied()
    employer_user = application.vacancy.employer.member
    services.application_move(application=application, to_status="shortlisted", by=employer_user)
    call_command("send_alerts")
    services.application_move(application=application, to_status="interview", by=employer_user)
    call_command("send_alerts")
    call_command("send_alerts")
    seeker_phone = application.seeker.user.phone
    assert [m.to for m in sms.outbox] == [employer_user.phone, seeker_phone, seeker_phone]
    assert ["فهرست کوتاه" in sms.outbox[1].text, "مصاحبه" in sms.outbox[2].text] == [True, True]


def test_moving_back_and_forth_tells_the_seeker_of_each_move():
    application = _applied()
    employer_user = application.vacancy.employer.member
    for status in ("shortlisted", "interview", "shortlisted"):
        services.application_move(application=application, to_status=status, by=employer_user)
    keys = list(Notification.objects.filter(user=application.seeker.user).values_list("key", flat=True))
    event_ids = list(application.events.exclude(to_status="submitted").values_list("pk", flat=True))
    assert sorted(keys) == sorted(f"application_status:{pk}" for pk in event_ids)


def test_a_failed_move_queues_nothing():
    application = _applied()
    with pytest.raises(Exception):  # noqa: B017 - hired goes through placement_record
        services.application_move(
            application=application, to_status="hired", by=application.vacancy.employer.member
        )
    assert _seeker_notices(application) == []


def test_the_hire_notice_is_kept_and_links_to_the_dashboard():
    application = _applied()
    placement = services.placement_record(application=application, by=application.vacancy.employer.member)
    [(kind, body)] = _seeker_notices(application)
    assert Notification.objects.get(user=application.seeker.user).key == f"hired:{placement.pk}"
    assert kind == "application_status"
    assert body.endswith(f"{SITE}{reverse('seekers:dashboard')}")


def test_new_application_notice_links_absolutely():
    application = _applied()
    notice = Notification.objects.get(kind="new_application")
    assert notice.body.endswith(f"{SITE}{reverse('vacancies:applicants', args=[application.vacancy.pk])}")
    assert notice.subject == "درخواست جدید"


def test_digest_links_absolutely(monkeypatch):
    from sakoo.vacancies import selectors

    monkeypatch.setattr(selectors, "_ids_from_search_engine", lambda params: None)  # database matching
    seeker = f.seeker()
    saved = services.saved_search_create(user=seeker.user, querystring="q=حسابدار", frequency="daily")
    SavedSearch.objects.filter(pk=saved.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    vacancy = f.vacancy(title="حسابدار")
    Vacancy.objects.filter(pk=vacancy.pk).update(published_at=timezone.now() - dt.timedelta(hours=1))
    assert notifications.saved_search_digests_queue() == 1
    body = Notification.objects.get(kind="digest").body
    assert body.splitlines()[-1] == f"{SITE}/search/?q=حسابدار"


@pytest.mark.parametrize("site", ["https://sakoo.example.ir", "https://sakoo.example.ir/"])
def test_absolute_url_joins_once(settings, site):
    settings.SAKOO_SITE_URL = site
    assert notifications.absolute_url("/jobs/1/") == "https://sakoo.example.ir/jobs/1/"


def test_absolute_url_keeps_a_path_prefix(settings):
    settings.SAKOO_SITE_URL = "https://portal.example.ir/sakoo"
    assert notifications.absolute_url("/jobs/1/") == "https://portal.example.ir/sakoo/jobs/1/"


def test_a_failed_send_logs_no_phone_number(monkeypatch, caplog):
    application = _applied()
    services.application_move(
        application=application, to_status="rejected", by=application.vacancy.employer.member
    )

    def boom(notification):
        raise sms.SMSError(f"down for {notification.user.phone}")

    monkeypatch.setattr(notifications, "_deliver", boom)
    with caplog.at_level(logging.WARNING, logger="sakoo.vacancies.notifications"):
        assert notifications.notifications_send_pending() == 0
    assert caplog.records != []
    assert application.seeker.user.phone not in caplog.text
    assert application.vacancy.employer.member.phone not in caplog.text


def test_seeker_dashboard_shows_the_status_and_since_when(client):
    application = _applied()
    moved_at = timezone.now()
    services.application_move(
        application=application, to_status="interview", by=application.vacancy.employer.member
    )
    client.force_login(application.seeker.user)
    response = client.get(reverse("seekers:dashboard"))
    [row] = response.context["applications"]
    assert row.status_changed_at >= moved_at
    html = response.content.decode()
    from sakoo.core.templatetags.sakoo import jdate

    assert f"(از {jdate(row.status_changed_at)})" in html
    assert "شرکت نمونه ۲۴" in html  # the employer's name in Persian digits


# --- SAKOO_SITE_URL -------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[3]
SETUP = (
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings'); django.setup(); "
)


def _settings_in(env_update: dict, code: str):
    env = {k: v for k, v in os.environ.items() if k not in {"SAKOO_SITE_URL", "DEBUG", "ALLOWED_HOSTS"}}
    env.update(env_update)
    return subprocess.run(
        [sys.executable, "-c", SETUP + code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_site_url_in_production_defaults_to_the_first_allowed_host(tmp_path):
    result = _settings_in(
        {
            "SAKOO_ENV": "production",
            "SECRET_KEY": "x" * 20 + "abcdefghijklmnopqrstuvwxyz0123456789",
            "ALLOWED_HOSTS": "sakoo.example.ir,www.sakoo.example.ir",
            "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        },
        "from django.conf import settings; print(settings.SAKOO_SITE_URL)",
    )
    assert (result.returncode, result.stdout.strip()) == (0, "https://sakoo.example.ir")


def test_a_bad_site_url_stops_the_start():
    result = _settings_in({"SAKOO_ENV": "test", "SAKOO_SITE_URL": "sakoo.example.ir"}, "")
    assert result.returncode != 0
    assert "SAKOO_SITE_URL" in result.stderr


def test_deploy_check_warns_of_a_plain_http_site_url(settings, monkeypatch):
    settings.SAKOO_ENV = "production"
    settings.SAKOO_SITE_URL = "http://sakoo.example.ir"
    monkeypatch.setenv("SAKOO_SITE_URL", "http://sakoo.example.ir")
    assert [m.id for m in check_site_url(None)] == ["sakoo.vacancies.W001"]


def test_deploy_check_notes_a_derived_site_url(settings, monkeypatch):
    settings.SAKOO_ENV = "production"
    monkeypatch.delenv("SAKOO_SITE_URL", raising=False)
    assert [m.id for m in check_site_url(None)] == ["sakoo.vacancies.I001"]
