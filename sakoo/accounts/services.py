"""Writes for accounts: users, organisations, memberships, SMS codes, login failures.

Pages, the API and management commands call these; none of them writes the tables directly.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sakoo.accounts import selectors
from sakoo.accounts.models import (
    PHONE_ROLES,
    LoginFailure,
    Membership,
    OneTimeCode,
    Organisation,
    Role,
    SecurityEvent,
    User,
)
from sakoo.accounts.sms import SMSError, send_sms
from sakoo.core.text import has_bidi_controls, normalize_text
from sakoo.core.validators import normalize_mobile

# --- users -----------------------------------------------------------------------------------------


def _generated_username() -> str:
    while True:
        username = f"u-{secrets.token_hex(5)}"
        if not User.objects.filter(username=username).exists():
            return username


@transaction.atomic
def user_create_for_phone(*, phone: str, role: str = Role.JOB_SEEKER) -> User:
    """A phone-only user (job seeker or employer): generated username, no usable password."""
    if role not in PHONE_ROLES:
        raise ValidationError({"role": _("Only job seekers and employers log in with a mobile number.")})
    user = User(username=_generated_username(), phone=phone, role=role)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_create_staff(
    *, username: str, password: str, role: str, first_name: str = "", last_name: str = "", phone=None
) -> User:
    if role in PHONE_ROLES:
        raise ValidationError({"role": _("Staff accounts need a staff role.")})
    user = User(
        username=username,
        role=role,
        first_name=normalize_text(first_name),
        last_name=normalize_text(last_name),
        phone=normalize_mobile(phone) if phone else None,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_set_role(*, user: User, role: str) -> User:
    """Change a user's role (recorded in the user's history)."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    user.role = role
    user.full_clean()
    user.save(update_fields=["role"])
    return user


# --- organisations and memberships ------------------------------------------------------------------


def organisation_clean_name(name: str) -> str:
    """The stored form of an organisation's name (also used by the admin form)."""
    if has_bidi_controls(name):
        raise ValidationError({"name": _("The name contains hidden direction characters; type it again.")})
    return normalize_text(name, multiline=False)


@transaction.atomic
def organisation_create(*, kind: str, name: str, code: str = "", county=None) -> Organisation:
    organisation = Organisation(
        kind=kind, name=organisation_clean_name(name), code=code.strip(), county=county
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, **fields) -> Organisation:
    allowed = {"name", "code", "county"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"organisation_update does not change {sorted(unknown)}")
    if "name" in fields:
        fields["name"] = organisation_clean_name(fields["name"])
    for field, value in fields.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_ensure(*, kind: str, code: str, name: str, county=None) -> Organisation:
    """Idempotent: the organisation of ``kind`` with ``code``, created or brought up to date."""
    if not code:
        raise ValidationError({"code": _("A code is needed to find the organisation again.")})
    organisation = selectors.organisation_by_code(kind=kind, code=code)
    if organisation is None:
        return organisation_create(kind=kind, name=name, code=code, county=county)
    if organisation.name != organisation_clean_name(name) or organisation.county_id != (
        county.pk if county else None
    ):
        organisation = organisation_update(organisation=organisation, name=name, county=county)
    return organisation


@transaction.atomic
def membership_create(*, user: User, organisation: Organisation) -> Membership:
    membership = Membership(user=user, organisation=organisation)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_ensure(*, user: User, organisation: Organisation) -> Membership:
    existing = Membership.objects.filter(user=user, organisation=organisation).first()
    return existing or membership_create(user=user, organisation=organisation)


# --- login failures and lockout ---------------------------------------------------------------------


def login_failure_record(*, kind: str, identifier: str, ip: str | None) -> None:
    LoginFailure.objects.create(kind=kind, identifier=identifier[:150], ip=ip)
    # Keep the table small: failures older than a day no longer count for anything.
    cutoff = timezone.now() - max(selectors.lockout_window(), timedelta(days=1))
    LoginFailure.objects.filter(created_at__lt=cutoff).delete()


def login_failures_clear(*, kinds: tuple[str, ...], identifier: str) -> None:
    """After a successful login: the user's own failures stop counting (the IP's do not)."""
    LoginFailure.objects.filter(kind__in=kinds, identifier=identifier).delete()


# --- SMS one-time codes -----------------------------------------------------------------------------


def _hash_code(phone: str, code: str) -> str:
    return salted_hmac("sakoo.accounts.one_time_code", f"{phone}:{code}", algorithm="sha256").hexdigest()


class CodeSendRefused(Exception):
    def __init__(self, reason: str, retry_at: datetime):
        super().__init__(reason)
        self.reason = reason
        self.retry_at = retry_at


class CodeInvalid(Exception):
    """A code was not accepted. ``reason``: no_code, expired, used, wrong, too_many, locked."""

    def __init__(self, reason: str, *, attempts_left: int = 0, retry_at: datetime | None = None):
        super().__init__(reason)
        self.reason = reason
        self.attempts_left = attempts_left
        self.retry_at = retry_at


def one_time_code_sms_text(code: str) -> str:
    """First line fixed ("Sakoo code: 123456": phones offer it for autofill, developers grep for it),
    then a warning in the user's language."""
    return f"Sakoo code: {code}\n" + gettext("Your Sakoo login code. Do not give it to anyone.")


def one_time_code_send(*, phone: str, ip: str | None, request=None) -> OneTimeCode:
    """Create a code for ``phone`` and send it by SMS, unless a limit refuses it (CodeSendRefused).

    Earlier codes of the phone stop working. If the gateway fails, the new code is voided and
    SMSError is raised."""
    from sakoo.accounts.scoping import security_log

    refusal = None
    with transaction.atomic():
        refusal = selectors.otp_send_refusal(phone=phone, ip=ip)
        if refusal is None:
            now = timezone.now()
            OneTimeCode.objects.filter(phone=phone, used_at__isnull=True, expires_at__gt=now).update(
                expires_at=now
            )
            # Codes older than the longest limit window count for nothing any more.
            OneTimeCode.objects.filter(created_at__lt=now - timedelta(days=2)).delete()
            code = f"{secrets.randbelow(10**6):06d}"
            row = OneTimeCode.objects.create(
                phone=phone, code_hash=_hash_code(phone, code), ip=ip, expires_at=now + selectors.otp_ttl()
            )
    if refusal is not None:
        # Logged outside the transaction above, so the refusal is recorded.
        security_log(SecurityEvent.Event.OTP_REFUSED, request, phone=phone, reason=refusal.reason)
        raise CodeSendRefused(refusal.reason, refusal.retry_at)
    try:
        send_sms(phone, one_time_code_sms_text(code))
    except SMSError as exc:
        OneTimeCode.objects.filter(pk=row.pk).update(expires_at=timezone.now())
        security_log(SecurityEvent.Event.OTP_REFUSED, request, phone=phone, reason="gateway", error=str(exc))
        raise
    security_log(SecurityEvent.Event.OTP_SENT, request, phone=phone)
    return row


def one_time_code_verify(*, phone: str, code: str, ip: str | None, request=None) -> None:
    """Accept ``code`` for ``phone`` (and use it up), or raise CodeInvalid. Only the newest code of
    the phone counts; each wrong try uses one of its attempts and counts towards the IP's lockout."""
    from sakoo.accounts.scoping import security_log

    kinds = (LoginFailure.Kind.OTP,)
    now = timezone.now()
    locked_until = selectors.lockout_until(kinds=kinds, identifier="", ip=ip, now=now)
    if locked_until:
        security_log(SecurityEvent.Event.LOCKED_OUT, request, phone=phone, kind="otp_ip")
        raise CodeInvalid("locked", retry_at=locked_until)

    def fail(reason: str, **extra):
        login_failure_record(kind=LoginFailure.Kind.OTP, identifier=phone, ip=ip)
        security_log(SecurityEvent.Event.OTP_FAILED, request, phone=phone, reason=reason)
        raise CodeInvalid(reason, **extra)

    latest = OneTimeCode.objects.filter(phone=phone).order_by("-created_at", "-id").first()
    if latest is None:
        fail("no_code")
    matches = hmac.compare_digest(latest.code_hash, _hash_code(phone, code))
    if latest.used_at is not None:
        fail("used" if matches else "no_code")
    if latest.attempts >= selectors.otp_max_attempts():
        fail("too_many")
    if latest.expires_at <= now:
        fail("expired")
    if not matches:
        OneTimeCode.objects.filter(pk=latest.pk).update(attempts=F("attempts") + 1)
        left = selectors.otp_max_attempts() - latest.attempts - 1
        fail("too_many" if left <= 0 else "wrong", attempts_left=max(left, 0))
    # Single use, even when two requests race: only one update finds the code unused.
    used = OneTimeCode.objects.filter(pk=latest.pk, used_at__isnull=True).update(used_at=now)
    if not used:
        fail("used")


@dataclass(frozen=True)
class PhoneLogin:
    user: User
    created: bool


@transaction.atomic
def phone_login_user(*, phone: str, role_if_new: str = Role.JOB_SEEKER) -> PhoneLogin:
    """The user for a verified phone, created as a job seeker (or employer) the first time."""
    user = selectors.user_by_phone(phone)
    if user is not None:
        return PhoneLogin(user=user, created=False)
    role = role_if_new if role_if_new in PHONE_ROLES else Role.JOB_SEEKER
    return PhoneLogin(user=user_create_for_phone(phone=phone, role=role), created=True)
