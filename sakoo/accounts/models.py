"""Accounts: users and their roles, organisations and memberships, security events, login throttles.

Writes go through ``sakoo.accounts.services``; access rules live in ``sakoo.accounts.scoping``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Stored form of an Iranian mobile number. ``[0-9]``, not ``\d``: \d also matches Persian digits.
mobile_validator = RegexValidator(r"^09[0-9]{9}$", _("Enter a mobile number such as 09121234567."))


class Role(models.TextChoices):
    JOB_SEEKER = "job_seeker", _("Job seeker")
    EMPLOYER = "employer", _("Employer")
    AGENCY_OFFICER = "agency_officer", _("Agency officer")
    BANK_OFFICER = "bank_officer", _("Bank officer")
    COUNTY_OFFICER = "county_officer", _("County officer")
    LABOUR_SQUARE_COORDINATOR = "labour_square_coordinator", _("Labour-square coordinator")
    PROVINCE_ANALYST = "province_analyst", _("Province analyst")
    PROVINCE_ADMIN = "province_admin", _("Province admin")


# Roles that log in with a mobile number and an SMS code; every other role is staff (password + TOTP).
PHONE_ROLES = frozenset({Role.JOB_SEEKER, Role.EMPLOYER})
STAFF_ROLES = frozenset(set(Role) - PHONE_ROLES)


class User(AbstractUser):
    """A person who logs in. Phone users (job seekers, employers) have a generated username and no
    usable password; staff log in with username and password and may add TOTP."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.JOB_SEEKER)
    phone = models.CharField(
        _("mobile number"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[mobile_validator],
        help_text=_("Stored as 09xxxxxxxxx. Empty for staff without a mobile number."),
    )

    objects = UserManager()
    # Audit of role, phone and activation changes (the password hash and last login are not copied).
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_phone_user(self) -> bool:
        return self.role in PHONE_ROLES

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


def mask_phone(phone: str | None) -> str:
    """``09121234567`` → ``0912*****67`` (enough to recognise one's own number, not to dial it)."""
    if not phone:
        return ""
    return f"{phone[:4]}{'*' * (len(phone) - 6)}{phone[-2:]}"


class OrganisationKind(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    AGENCY = "agency", _("Executive agency")
    BANK = "bank", _("Operating bank")
    COUNTY = "county", _("County governorate")
    MUNICIPALITY = "municipality", _("Municipality")


class Organisation(models.Model):
    """A body whose members see its own data: an employer, an agency, a bank, a county, a municipality.

    ``code`` is a stable handle other apps use to link their records (e.g. the facilities app's Agency
    with code ``relief-committee``); blank, or unique within a kind."""

    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=64, blank=True, allow_unicode=False)
    county = models.ForeignKey(
        "geo.County",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"],
                condition=~Q(code=""),
                name="accounts_organisation_unique_code_per_kind",
                violation_error_message=_("Another organisation of this kind already has this code."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user belongs to an organisation; this is what scopes agency, bank, county and employer data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="accounts_membership_unique",
                violation_error_message=_("This user is already a member of this organisation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"


class SecurityEvent(models.Model):
    """The security log: logins, failures, lockouts, OTP sends and denials. Personal data is masked
    before it is written (see ``scoping.security_log``)."""

    class Event(models.TextChoices):
        LOGIN = "login", _("Login")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOCKED_OUT = "locked_out", _("Locked out")
        LOGOUT = "logout", _("Logout")
        OTP_SENT = "otp_sent", _("Code sent")
        OTP_REFUSED = "otp_refused", _("Code not sent (limit)")
        OTP_FAILED = "otp_failed", _("Wrong or expired code")
        TOTP_FAILED = "totp_failed", _("Wrong authenticator code")
        TOTP_ADDED = "totp_added", _("Authenticator added")
        TOTP_REMOVED = "totp_removed", _("Authenticator removed")
        DENIED = "denied", _("Access denied (403)")
        NOT_FOUND = "not_found", _("Access denied (404)")

    event = models.CharField(_("event"), max_length=32, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.event}"

    def get_event_display(self) -> str:
        try:
            return str(self.Event(self.event).label)
        except ValueError:
            return self.event


class OneTimeCode(models.Model):
    """An SMS login code. Only a keyed hash of the code is stored; the code itself exists only in the
    SMS (and in the console backend's output in development)."""

    phone = models.CharField(_("mobile number"), max_length=11, db_index=True)
    code_hash = models.CharField(max_length=64)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{mask_phone(self.phone)} {self.created_at:%Y-%m-%d %H:%M}"


class LoginFailure(models.Model):
    """One failed password, authenticator or SMS-code attempt; counted for lockout, pruned by age."""

    class Kind(models.TextChoices):
        PASSWORD = "password", _("Password")
        TOTP = "totp", _("Authenticator code")
        OTP = "otp", _("SMS code")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    # Lower-cased username for passwords; phone (09…) for SMS codes.
    identifier = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"
