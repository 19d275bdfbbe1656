"""Login (SMS code for job seekers and employers, password + optional TOTP for staff), logout and the
staff security page. Thin: the rules are in services, selectors and scoping."""

from __future__ import annotations

import io
import math
import time

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from sakoo.accounts import selectors, services
from sakoo.accounts.forms import CodeForm, PhoneLoginForm, StaffLoginForm, TOTPForm
from sakoo.accounts.models import PHONE_ROLES, LoginFailure, Role, SecurityEvent, mask_phone
from sakoo.accounts.scoping import client_ip, role_required, security_log, staff_roles
from sakoo.accounts.sms import SMSError
from sakoo.core.text import format_number

BACKEND = "django.contrib.auth.backends.ModelBackend"
SESSION_OTP = "sakoo_otp_login"  # {"phone", "role", "next"}: between "enter phone" and "enter code"
SESSION_TOTP = "sakoo_totp_pending"  # {"user", "at", "next"}: password accepted, TOTP code still due
PENDING_TOTP_SECONDS = 5 * 60
PASSWORD_KINDS = (LoginFailure.Kind.PASSWORD, LoginFailure.Kind.TOTP)


# --- helpers ---------------------------------------------------------------------------------------


def _safe_next(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def _wait_text(retry_at) -> str:
    seconds = max(1, math.ceil((retry_at - timezone.now()).total_seconds()))
    if seconds <= 90:
        return _("Try again in %(n)s seconds.") % {"n": format_number(seconds)}
    minutes = math.ceil(seconds / 60)
    if minutes <= 90:
        return _("Try again in %(n)s minutes.") % {"n": format_number(minutes)}
    return _("Try again in %(n)s hours.") % {"n": format_number(math.ceil(minutes / 60))}


def _refusal_message(exc: services.CodeSendRefused) -> str:
    if exc.reason == "cooldown":
        return (
            _("A code was sent a moment ago. You can ask for a new one soon.")
            + " "
            + _wait_text(exc.retry_at)
        )
    if exc.reason == "phone_limit":
        return _("Too many codes were sent to this number.") + " " + _wait_text(exc.retry_at)
    return _("Too many codes were requested from your connection.") + " " + _wait_text(exc.retry_at)


def _code_error(exc: services.CodeInvalid) -> str:
    if exc.reason == "expired":
        return _("This code has expired. Ask for a new code.")
    if exc.reason == "used":
        return _("This code has already been used. Ask for a new code.")
    if exc.reason == "too_many":
        return _("Too many wrong codes. This code no longer works; ask for a new code.")
    if exc.reason == "wrong":
        return _("The code is not correct. Attempts left: %(n)s.") % {"n": format_number(exc.attempts_left)}
    if exc.reason == "locked":
        return _("Too many wrong codes from your connection.") + " " + _wait_text(exc.retry_at)
    return _("No valid code was sent to this number. Ask for a new code.")


def _first_page_for(user, created: bool) -> str:
    """New job seekers and employers complete their profile first; returning ones land on their
    dashboard (which sends an unfinished profile to onboarding). Others: the home page."""
    if created:
        name = {Role.JOB_SEEKER: "seekers:onboarding", Role.EMPLOYER: "employers:onboarding"}.get(user.role)
    else:
        name = {Role.JOB_SEEKER: "seekers:dashboard", Role.EMPLOYER: "employers:dashboard"}.get(user.role)
    if name:
        try:
            return reverse(name)
        except NoReverseMatch:
            pass
    return ""


def _complete_login(request, user, *, method: str, next_url: str = "", device=None):
    """Log in (Django rotates the session key), record it, and choose where to go."""
    login(request, user, backend=BACKEND)
    if device is not None:
        otp_login(request, device)
    security_log(SecurityEvent.Event.LOGIN, request, user=user, method=method)
    return redirect(next_url or settings.LOGIN_REDIRECT_URL)


# --- login: choose, then SMS code -------------------------------------------------------------------


@never_cache
@sensitive_post_parameters("phone")
def login_view(request):
    """Mobile number + SMS code (job seekers, employers), or a link to the staff password form."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.user.is_authenticated and request.method == "GET" and not next_url:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = PhoneLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        role = Role.EMPLOYER if form.cleaned_data["is_employer"] else Role.JOB_SEEKER
        existing = selectors.user_by_phone(phone)
        if existing is not None and (existing.role not in PHONE_ROLES or not existing.is_active):
            # Staff log in with their password (and authenticator), never with an SMS code alone.
            form.add_error(
                "phone", _("This number cannot log in with an SMS code. Staff: use the staff login.")
            )
        else:
            try:
                services.one_time_code_send(phone=phone, ip=client_ip(request), request=request)
            except services.CodeSendRefused as exc:
                if exc.reason != "cooldown":
                    form.add_error("phone", _refusal_message(exc))
                else:
                    messages.info(request, _refusal_message(exc))
                    request.session[SESSION_OTP] = {"phone": phone, "role": role, "next": next_url}
                    return redirect("accounts:login_code")
            except SMSError:
                form.add_error(
                    None, _("The SMS could not be sent just now. Please try again in a few minutes.")
                )
            else:
                request.session[SESSION_OTP] = {"phone": phone, "role": role, "next": next_url}
                return redirect("accounts:login_code")
    return render(
        request,
        "accounts/login.html",
        {"form": form, "staff_form": StaffLoginForm(), "next": next_url},
        status=200 if not form.errors else 400,
    )


def _otp_state(request) -> dict | None:
    state = request.session.get(SESSION_OTP)
    return state if isinstance(state, dict) and state.get("phone") else None


def _resend_context(phone: str) -> dict:
    available_at = selectors.resend_available_at(phone=phone)
    wait = 0
    if available_at is not None:
        wait = max(0, math.ceil((available_at - timezone.now()).total_seconds()))
    return {"resend_wait": wait, "resend_wait_text": format_number(wait)}


@never_cache
@sensitive_post_parameters("code")
def login_code_view(request):
    state = _otp_state(request)
    if state is None:
        messages.info(request, _("Enter your mobile number first."))
        return redirect("accounts:login")
    phone = state["phone"]
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        try:
            services.one_time_code_verify(phone=phone, code=form.cleaned_data["code"], ip=ip, request=request)
        except services.CodeInvalid as exc:
            form.add_error("code", _code_error(exc))
        else:
            result = services.phone_login_user(phone=phone, role_if_new=state.get("role", Role.JOB_SEEKER))
            user = result.user
            if user.role not in PHONE_ROLES or not user.is_active:
                form.add_error(
                    "code", _("This number cannot log in with an SMS code. Staff: use the staff login.")
                )
            else:
                services.login_failures_clear(kinds=(LoginFailure.Kind.OTP,), identifier=phone)
                request.session.pop(SESSION_OTP, None)
                # new users: onboarding first; returning users: where they were going, else their dashboard
                first = _first_page_for(user, result.created)
                wanted = state.get("next", "")
                next_url = (first or wanted) if result.created else (wanted or first)
                return _complete_login(request, user, method="sms", next_url=next_url)
    context = {"form": form, "masked_phone": mask_phone(phone), **_resend_context(phone)}
    return render(request, "accounts/login_code.html", context, status=200 if not form.errors else 400)


@require_POST
@never_cache
def login_resend_view(request):
    """Send a new code (a plain form post; with htmx only the resend box is swapped)."""
    state = _otp_state(request)
    if state is None:
        if request.htmx:
            return HttpResponse(status=204, headers={"HX-Redirect": reverse("accounts:login")})
        return redirect("accounts:login")
    phone = state["phone"]
    error = ""
    try:
        services.one_time_code_send(phone=phone, ip=client_ip(request), request=request)
    except services.CodeSendRefused as exc:
        error = _refusal_message(exc)
    except SMSError:
        error = _("The SMS could not be sent just now. Please try again in a few minutes.")
    notice = "" if error else _("A new code was sent. Earlier codes no longer work.")
    if request.htmx:
        context = {"resend_error": error, "resend_notice": notice, **_resend_context(phone)}
        return render(request, "accounts/_resend.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, notice)
    return redirect("accounts:login_code")


# --- staff: password, then TOTP when the user has an authenticator -----------------------------------


@never_cache
@sensitive_post_parameters("password")
def staff_login_view(request):
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = StaffLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        identifier = username.lower()
        ip = client_ip(request)
        locked_until = selectors.lockout_until(kinds=PASSWORD_KINDS, identifier=identifier, ip=ip)
        if locked_until:
            security_log(SecurityEvent.Event.LOCKED_OUT, request, username=username, kind="password")
            form.add_error(None, _("Too many failed logins.") + " " + _wait_text(locked_until))
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                services.login_failure_record(kind=LoginFailure.Kind.PASSWORD, identifier=identifier, ip=ip)
                security_log(SecurityEvent.Event.LOGIN_FAILED, request, username=username, method="password")
                form.add_error(None, _("The username or password is not correct."))
                locked_until = selectors.lockout_until(kinds=PASSWORD_KINDS, identifier=identifier, ip=ip)
                if locked_until:
                    security_log(SecurityEvent.Event.LOCKED_OUT, request, username=username, kind="password")
                    form.add_error(None, _("Too many failed logins.") + " " + _wait_text(locked_until))
            elif user_has_device(user, confirmed=True):
                request.session[SESSION_TOTP] = {"user": user.pk, "at": time.time(), "next": next_url}
                return redirect("accounts:login_totp")
            else:
                services.login_failures_clear(kinds=PASSWORD_KINDS, identifier=identifier)
                return _complete_login(request, user, method="password", next_url=next_url)
    return render(
        request,
        "accounts/staff_login.html",
        {"form": form, "next": next_url},
        status=200 if not form.errors else 400,
    )


@never_cache
@sensitive_post_parameters("token")
def login_totp_view(request):
    from sakoo.accounts.models import User

    state = request.session.get(SESSION_TOTP)
    if not isinstance(state, dict) or time.time() - state.get("at", 0) > PENDING_TOTP_SECONDS:
        request.session.pop(SESSION_TOTP, None)
        messages.info(request, _("Log in with your username and password first."))
        return redirect("accounts:staff_login")
    user = User.objects.filter(pk=state["user"], is_active=True).first()
    if user is None:
        request.session.pop(SESSION_TOTP, None)
        return redirect("accounts:staff_login")
    form = TOTPForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        identifier = user.username.lower()
        ip = client_ip(request)
        locked_until = selectors.lockout_until(kinds=PASSWORD_KINDS, identifier=identifier, ip=ip)
        if locked_until:
            security_log(SecurityEvent.Event.LOCKED_OUT, request, user=user, kind="totp")
            form.add_error("token", _("Too many failed logins.") + " " + _wait_text(locked_until))
        else:
            device = next(
                (
                    d
                    for d in TOTPDevice.objects.devices_for_user(user, confirmed=True)
                    if d.verify_is_allowed()[0] and d.verify_token(form.cleaned_data["token"])
                ),
                None,
            )
            if device is None:
                services.login_failure_record(kind=LoginFailure.Kind.TOTP, identifier=identifier, ip=ip)
                security_log(SecurityEvent.Event.TOTP_FAILED, request, user=user)
                form.add_error("token", _("The authenticator code is not correct."))
            else:
                request.session.pop(SESSION_TOTP, None)
                services.login_failures_clear(kinds=PASSWORD_KINDS, identifier=identifier)
                return _complete_login(
                    request, user, method="password+totp", next_url=state.get("next", ""), device=device
                )
    return render(request, "accounts/login_totp.html", {"form": form}, status=200 if not form.errors else 400)


def logout_view(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.user.is_authenticated:
        security_log(SecurityEvent.Event.LOGOUT, request)
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


# --- staff security page: add or remove an authenticator (TOTP) -------------------------------------


def _pending_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


@never_cache
@role_required(*staff_roles())
def security_view(request):
    user = request.user
    confirmed = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    pending = _pending_device(user)
    form = TOTPForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "start":
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            pending = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
        elif action == "cancel":
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            return redirect("accounts:security")
        elif action in {"confirm", "remove"}:
            form = TOTPForm(request.POST)
            device = pending if action == "confirm" else (confirmed[0] if confirmed else None)
            if device is None:
                return redirect("accounts:security")
            if (
                form.is_valid()
                and device.verify_is_allowed()[0]
                and device.verify_token(form.cleaned_data["token"])
            ):
                if action == "confirm":
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                    security_log(SecurityEvent.Event.TOTP_ADDED, request)
                    messages.success(
                        request, _("The authenticator was added. From now on, log in with its code.")
                    )
                else:
                    device.delete()
                    security_log(SecurityEvent.Event.TOTP_REMOVED, request)
                    messages.success(request, _("The authenticator was removed."))
                return redirect("accounts:security")
            if form.is_valid():
                security_log(SecurityEvent.Event.TOTP_FAILED, request, action=action)
                form.add_error("token", _("The authenticator code is not correct."))
    context = {
        "confirmed": confirmed,
        "pending": pending,
        "secret": _base32_secret(pending) if pending else "",
        "form": form,
        "organisations": selectors.organisations_for_user(user),
    }
    return render(request, "accounts/security.html", context, status=400 if form.errors else 200)


def _base32_secret(device: TOTPDevice) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@role_required(*staff_roles())
def totp_qr_view(request):
    """The QR code of the user's authenticator being added, as SVG (never cached, never for others)."""
    device = _pending_device(request.user)
    if device is None:
        return HttpResponse(status=404)
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    buffer = io.BytesIO()
    image.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response
