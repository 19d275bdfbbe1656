"""Notices to users (SMS through the pluggable sender, else e-mail), each sent exactly once.

A notice is first queued as a ``Notification`` row with a unique ``key``; ``notifications_send_pending``
claims each unsent row with an atomic update before sending, so a re-run or a second worker never sends
it twice.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sakoo.vacancies.models import Notification

logger = logging.getLogger(__name__)

#: Application moves the seeker is told about (a hire has its own notice, ``notify_hired``).
SEEKER_NOTICE_STATUSES = frozenset({"shortlisted", "interview", "offered", "rejected"})


def notify(*, key: str, user, kind: str, body: str, subject: str = "") -> Notification | None:
    """Queue a notice once per ``key``. Returns None when the user has neither a phone nor an e-mail."""
    if user.phone:
        channel = Notification.Channel.SMS
    elif user.email:
        channel = Notification.Channel.EMAIL
    else:
        return None
    existing = Notification.objects.filter(key=key).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Notification.objects.create(
                key=key[:200], user=user, kind=kind, channel=channel, subject=subject[:200], body=body
            )
    except IntegrityError:
        return Notification.objects.filter(key=key).first()


def absolute_url(path: str) -> str:
    """A link for an SMS or an e-mail: ``settings.SAKOO_SITE_URL`` followed by the site path ``path``."""
    return f"{settings.SAKOO_SITE_URL.rstrip('/')}/{path.lstrip('/')}"


def notify_new_application(application) -> None:
    from sakoo.accounts.models import User

    vacancy = application.vacancy
    with translation.override("fa"):
        subject = _("New application")
        body = _("Sakoo: a new application for “%(title)s”. See it at %(url)s") % {
            "title": vacancy.title,
            "url": absolute_url(reverse("vacancies:applicants", args=[vacancy.pk])),
        }
    users = User.objects.filter(memberships__organisation__employer__id=vacancy.employer_id, is_active=True)
    for user in users:
        notify(
            key=f"new_application:{application.pk}:{user.pk}",
            user=user,
            kind=Notification.Kind.NEW_APPLICATION,
            subject=subject,
            body=body,
        )


def notify_hired(placement) -> None:
    seeker = placement.seeker
    with translation.override("fa"):
        subject = _("Hire recorded")
        body = _("Sakoo: congratulations, %(employer)s recorded your hire. Your dashboard: %(url)s") % {
            "employer": placement.employer.name if placement.employer else placement.employer_name,
            "url": absolute_url(reverse("seekers:dashboard")),
        }
    notify(
        key=f"hired:{placement.pk}",
        user=seeker.user,
        kind=Notification.Kind.APPLICATION_STATUS,
        subject=subject,
        body=body,
    )


def _status_notice(status: str) -> tuple[str, str]:
    """(subject, body) of the notice to the seeker for an application moved to ``status`` (in Persian)."""
    from sakoo.vacancies.models import ApplicationStatus

    texts = {
        ApplicationStatus.SHORTLISTED: (
            _("Your application was shortlisted"),
            _("Sakoo: your application for “%(title)s” at %(employer)s was shortlisted. Details: %(url)s"),
        ),
        ApplicationStatus.INTERVIEW: (
            _("Interview invitation"),
            _(
                "Sakoo: %(employer)s would like to interview you for “%(title)s”. "
                "Please see the details and messages: %(url)s"
            ),
        ),
        ApplicationStatus.OFFERED: (
            _("Job offer"),
            _("Sakoo: good news! %(employer)s has made you an offer for “%(title)s”. See it at %(url)s"),
        ),
        ApplicationStatus.REJECTED: (
            _("About your application"),
            _(
                "Sakoo: thank you for applying for “%(title)s”. %(employer)s will not go ahead with "
                "your application this time. We wish you success. Details: %(url)s"
            ),
        ),
    }
    return texts[status]


def notify_application_status(event) -> Notification | None:
    """Tell the seeker that an employer moved their application (one notice per move, ``event``)."""
    application = event.application
    if event.to_status not in SEEKER_NOTICE_STATUSES:
        return None
    vacancy = application.vacancy
    with translation.override("fa"):
        subject, text = _status_notice(event.to_status)
        body = text % {
            "title": vacancy.title,
            "employer": vacancy.employer.name,
            "url": absolute_url(reverse("vacancies:application", args=[application.pk])),
        }
    return notify(
        key=f"application_status:{event.pk}",
        user=application.seeker.user,
        kind=Notification.Kind.APPLICATION_STATUS,
        subject=subject,
        body=body,
    )


def _deliver(notification: Notification) -> None:
    if notification.channel == Notification.Channel.SMS:
        from sakoo.accounts.sms import send_sms

        send_sms(notification.user.phone, notification.body)
    else:
        send_mail(
            notification.subject or _("Sakoo"),
            notification.body,
            settings.DEFAULT_FROM_EMAIL,
            [notification.user.email],
        )


def notifications_send_pending(*, limit: int = 1000) -> int:
    """Send queued notices. Each row is claimed (sent_at set) before sending; a failure un-claims it."""
    sent = 0
    pending = list(
        Notification.objects.filter(sent_at__isnull=True).select_related("user").order_by("pk")[:limit]
    )
    for notification in pending:
        claimed = Notification.objects.filter(pk=notification.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        if not claimed:
            continue
        try:
            _deliver(notification)
        except Exception as exc:  # the gateway failed: un-claim so a later run retries
            logger.warning("notification %s not sent: %s", notification.pk, type(exc).__name__)
            Notification.objects.filter(pk=notification.pk).update(
                sent_at=None, error=type(exc).__name__[:300]
            )
            continue
        sent += 1
    return sent


DIGEST_INTERVAL = {"daily": dt.timedelta(hours=20), "weekly": dt.timedelta(days=6, hours=20)}


def _period_key(frequency: str, now) -> str:
    day = timezone.localtime(now).date()
    if frequency == "weekly":
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def saved_search_digests_queue(*, now=None) -> int:
    """Queue one digest per due saved search that has new matching vacancies. Returns how many."""
    from sakoo.vacancies.models import SavedSearch
    from sakoo.vacancies.selectors import vacancies_matching_querystring

    now = now or timezone.now()
    queued = 0
    for saved in SavedSearch.objects.filter(active=True).select_related("user"):
        if saved.last_sent_at and now - saved.last_sent_at < DIGEST_INTERVAL.get(
            saved.frequency, DIGEST_INTERVAL["daily"]
        ):
            continue
        since = saved.last_sent_at or saved.created_at
        found = vacancies_matching_querystring(saved.querystring, published_since=since)
        if found:
            with translation.override("fa"):
                subject = _("New vacancies for your saved search")
                lines = [
                    _("Sakoo: %(n)s new vacancies for your saved search “%(name)s”:")
                    % {"n": len(found), "name": saved.name or saved.querystring[:40]}
                ]
                lines += [f"- {v.title} ({v.county.name_fa})" for v in found[:5]]
                lines.append(absolute_url(f"{reverse('search:search')}?{saved.querystring}"))
                body = "\n".join(lines)
            created = notify(
                key=f"digest:{saved.pk}:{_period_key(saved.frequency, now)}",
                user=saved.user,
                kind=Notification.Kind.SAVED_SEARCH_DIGEST,
                subject=subject,
                body=body,
            )
            queued += created is not None
        SavedSearch.objects.filter(pk=saved.pk).update(last_sent_at=now)
    return queued
