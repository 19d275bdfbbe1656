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


def notify_new_application(application) -> None:
    from sakoo.accounts.models import User

    vacancy = application.vacancy
    with translation.override("fa"):
        body = _("Sakoo: a new application for “%(title)s”. See it at %(url)s") % {
            "title": vacancy.title,
            "url": reverse("vacancies:applicants", args=[vacancy.pk]),
        }
    users = User.objects.filter(memberships__organisation__employer__id=vacancy.employer_id, is_active=True)
    for user in users:
        notify(
            key=f"new_application:{application.pk}:{user.pk}",
            user=user,
            kind=Notification.Kind.NEW_APPLICATION,
            subject=_("New application"),
            body=body,
        )


def notify_hired(placement) -> None:
    seeker = placement.seeker
    with translation.override("fa"):
        body = _("Sakoo: congratulations, %(employer)s recorded your hire.") % {
            "employer": placement.employer.name if placement.employer else placement.employer_name
        }
    notify(
        key=f"hired:{placement.pk}",
        user=seeker.user,
        kind=Notification.Kind.APPLICATION_STATUS,
        subject=_("Hire recorded"),
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
                lines = [
                    _("Sakoo: %(n)s new vacancies for your saved search “%(name)s”:")
                    % {"n": len(found), "name": saved.name or saved.querystring[:40]}
                ]
                lines += [f"- {v.title} ({v.county.name_fa})" for v in found[:5]]
                lines.append(f"/search/?{saved.querystring}")
                body = "\n".join(lines)
            created = notify(
                key=f"digest:{saved.pk}:{_period_key(saved.frequency, now)}",
                user=saved.user,
                kind=Notification.Kind.SAVED_SEARCH_DIGEST,
                subject=_("New vacancies for your saved search"),
                body=body,
            )
            queued += created is not None
        SavedSearch.objects.filter(pk=saved.pk).update(last_sent_at=now)
    return queued
