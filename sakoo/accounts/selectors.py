"""Reads for accounts: lockout state, SMS-code limits, demo accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from sakoo.accounts.models import LoginFailure, OneTimeCode, Organisation, User


def setting(name: str, default):
    return getattr(settings, name, default)


# Defaults; each can be overridden in settings.
def otp_ttl() -> timedelta:
    return timedelta(seconds=setting("OTP_CODE_TTL_SECONDS", 5 * 60))


def otp_max_attempts() -> int:
    return setting("OTP_MAX_ATTEMPTS", 5)


def otp_resend_cooldown() -> timedelta:
    return timedelta(seconds=setting("OTP_RESEND_COOLDOWN_SECONDS", 60))


# (count, window in seconds): at most `count` codes per phone / per IP in the window.
def otp_phone_limits() -> list[tuple[int, int]]:
    return setting("OTP_PHONE_LIMITS", [(3, 10 * 60), (10, 24 * 3600)])


def otp_ip_limits() -> list[tuple[int, int]]:
    return setting("OTP_IP_LIMITS", [(10, 10 * 60), (50, 24 * 3600)])


def lockout_window() -> timedelta:
    return timedelta(seconds=setting("LOGIN_LOCKOUT_SECONDS", 15 * 60))


def lockout_user_failures() -> int:
    return setting("LOGIN_LOCKOUT_USER_FAILURES", 5)


def lockout_ip_failures() -> int:
    # Higher than per user: offices share one address behind NAT.
    return setting("LOGIN_LOCKOUT_IP_FAILURES", 20)


@dataclass(frozen=True)
class Refusal:
    reason: str  # "cooldown" | "phone_limit" | "ip_limit"
    retry_at: datetime


def _limit_retry_at(timestamps: list[datetime], count: int, window: timedelta, now: datetime):
    """``timestamps`` newest first. Sliding window: when ``count`` events fall inside ``window``, the
    next is allowed once the count-th newest leaves it."""
    recent = [ts for ts in timestamps if ts > now - window]
    if len(recent) >= count:
        return recent[count - 1] + window
    return None


def otp_send_refusal(*, phone: str, ip: str | None, now: datetime | None = None) -> Refusal | None:
    """Why a new code may not be sent now (and when it may), or None."""
    now = now or timezone.now()
    longest = max(window for _count, window in [*otp_phone_limits(), *otp_ip_limits()])
    since = now - timedelta(seconds=longest)
    phone_times = list(
        OneTimeCode.objects.filter(phone=phone, created_at__gt=since)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
    )
    if phone_times and phone_times[0] > now - otp_resend_cooldown():
        return Refusal("cooldown", phone_times[0] + otp_resend_cooldown())
    for count, window in otp_phone_limits():
        retry_at = _limit_retry_at(phone_times, count, timedelta(seconds=window), now)
        if retry_at:
            return Refusal("phone_limit", retry_at)
    if ip:
        ip_times = list(
            OneTimeCode.objects.filter(ip=ip, created_at__gt=since)
            .order_by("-created_at")
            .values_list("created_at", flat=True)
        )
        for count, window in otp_ip_limits():
            retry_at = _limit_retry_at(ip_times, count, timedelta(seconds=window), now)
            if retry_at:
                return Refusal("ip_limit", retry_at)
    return None


def resend_available_at(*, phone: str) -> datetime | None:
    last = (
        OneTimeCode.objects.filter(phone=phone).order_by("-created_at").values_list("created_at", flat=True)
    )
    return last[0] + otp_resend_cooldown() if last else None


def lockout_until(
    *, kinds: tuple[str, ...], identifier: str, ip: str | None, now: datetime | None = None
) -> datetime | None:
    """When the identifier (username or phone) or the IP may try again, if it is locked out now."""
    now = now or timezone.now()
    window = lockout_window()
    failures = LoginFailure.objects.filter(kind__in=kinds, created_at__gt=now - window).order_by(
        "-created_at"
    )
    candidates = []
    if identifier:
        times = list(failures.filter(identifier=identifier).values_list("created_at", flat=True))
        candidates.append(_limit_retry_at(times, lockout_user_failures(), window, now))
    if ip:
        times = list(failures.filter(ip=ip).values_list("created_at", flat=True)[: lockout_ip_failures()])
        candidates.append(_limit_retry_at(times, lockout_ip_failures(), window, now))
    locked = [c for c in candidates if c is not None]
    return max(locked) if locked else None


def user_by_phone(phone: str) -> User | None:
    return User.objects.filter(phone=phone).first()


def organisation_by_code(*, kind: str, code: str) -> Organisation | None:
    return Organisation.objects.filter(kind=kind, code=code).first()


def organisations_for_user(user) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(memberships__user=user).select_related("county").order_by("kind", "name")
    )
