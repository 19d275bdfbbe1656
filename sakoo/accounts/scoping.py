"""Who may see what: the primitives every app uses to scope its data, and the security log.

Each app writes ONE access-checked fetch helper per kind of object, built from these primitives, and
uses it in pages, API and commands alike. The pattern (facilities app, for example)::

    from django.db.models import Q
    from sakoo.accounts.scoping import get_scoped_or_404, is_province_staff, user_organisation_ids

    def get_facility_file_for_user(request, pk) -> FacilityFile:
        user = request.user
        scope = None  # province staff: unrestricted
        if not is_province_staff(user):
            scope = Q(agency__organisation_id__in=user_organisation_ids(user, "agency"))
        return get_scoped_or_404(
            FacilityFile.objects.select_related("agency", "bank"),
            scope=scope,
            lookup={"pk": pk},
            request=request,
        )

For lists, filter with the same scope: ``FacilityFile.objects.filter(scope)`` when scope is not None.

Objects outside the user's scope answer 404 (not 403: their existence is not revealed) and the denial is
written to the security log. Use ``role_required`` on views for the coarse "which roles may open this
page" check (403 with a Persian page), and ``deny(request, reason)`` for a 403 decided inside a view.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import render

from sakoo.accounts.models import Membership, OrganisationKind, Role, SecurityEvent
from sakoo.core.logging import mask_personal

logger = logging.getLogger("sakoo.security")

PROVINCE_STAFF_ROLES = frozenset({Role.PROVINCE_ANALYST, Role.PROVINCE_ADMIN})
# Keys whose values are personal data: masked whatever their shape.
_PERSONAL_KEYS = frozenset({"phone", "mobile", "national_id", "legal_id", "sheba", "code", "otp", "password"})


# --- roles -----------------------------------------------------------------------------------------


def has_role(user, *roles: str) -> bool:
    """True when the user is signed in and has one of ``roles``; superusers have every role."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser or user.role in roles)


def is_province_staff(user) -> bool:
    """Province analysts and admins (and superusers) see everything, in aggregate."""
    return has_role(user, *PROVINCE_STAFF_ROLES)


# --- organisations ---------------------------------------------------------------------------------


def _membership_rows(user) -> list[tuple[int, str, int | None]]:
    """(organisation id, kind, county id) of the user's memberships, cached on the user object for the
    request (the request's user is a fresh object on every request)."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, "_sakoo_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user_id=user.pk).values_list(
                "organisation_id", "organisation__kind", "organisation__county_id"
            )
        )
        user._sakoo_memberships = cached
    return cached


def user_organisation_ids(user, kind: str | None = None) -> set[int]:
    """Ids of the organisations (of ``kind``, if given) the user is a member of. Province staff get only
    their own memberships too: check ``is_province_staff`` first when they may see everything."""
    if kind is not None and kind not in OrganisationKind.values:
        raise ValueError(f"Unknown organisation kind: {kind!r}")
    return {
        org_id for org_id, org_kind, _county in _membership_rows(user) if kind is None or org_kind == kind
    }


def user_county_ids(user) -> set[int]:
    """Counties the user works for: the counties of their county-governorate and municipality
    organisations (county officers, labour-square coordinators)."""
    return {
        county_id
        for _org, kind, county_id in _membership_rows(user)
        if county_id is not None and kind in (OrganisationKind.COUNTY, OrganisationKind.MUNICIPALITY)
    }


def forget_memberships(user) -> None:
    """Drop the per-request cache (after adding a membership to the same user object)."""
    if hasattr(user, "_sakoo_memberships"):
        del user._sakoo_memberships


# --- the security log ------------------------------------------------------------------------------


def client_ip(request) -> str | None:
    """The client's address. Behind N trusted reverse proxies set SAKOO_TRUSTED_PROXY_COUNT=N and the
    N-th address from the right of X-Forwarded-For is used; otherwise REMOTE_ADDR."""
    from django.conf import settings

    if request is None:
        return None
    proxies = getattr(settings, "SAKOO_TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def mask_details(value: Any, key: str = "") -> Any:
    """Mask personal data in a JSON-able structure: personal keys entirely, and any national ID or
    mobile number found inside other strings."""
    if isinstance(value, dict):
        return {str(k): mask_details(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [mask_details(v, key) for v in value]
    if key.lower() in _PERSONAL_KEYS and value not in (None, ""):
        text = str(value)
        if key.lower() in {"code", "otp", "password"}:
            return "***"
        return mask_personal(text) if mask_personal(text) != text else "*" * max(len(text) - 3, 0) + text[-3:]
    if isinstance(value, str):
        return mask_personal(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    return mask_personal(str(value))


def security_log(event: str, request=None, user=None, **details) -> SecurityEvent:
    """Write one security event (a row in SecurityEvent and a line on the ``sakoo.security`` logger).

    ``user`` defaults to the request's signed-in user. National IDs, phones and codes in ``details``
    are masked before anything is written."""
    if user is None and request is not None:
        request_user = getattr(request, "user", None)
        if request_user is not None and request_user.is_authenticated:
            user = request_user
    masked = mask_details(details)
    ip = client_ip(request)
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""
    path = mask_personal(request.path)[:300] if request is not None else ""
    row = SecurityEvent.objects.create(
        event=event,
        user=user if user is not None and user.pk else None,
        ip=ip,
        user_agent=user_agent,
        path=path,
        details=masked,
    )
    logger.info(
        "%s user=%s ip=%s path=%s %s",
        event,
        user.pk if user is not None and user.pk else "-",
        ip or "-",
        path or "-",
        json.dumps(masked, ensure_ascii=False, sort_keys=True),
    )
    return row


def deny(request, reason: str) -> None:
    """Log a 403 denial and raise PermissionDenied (Django answers with the Persian 403 page).

    ``reason`` is for the log: say what was refused, never include personal data."""
    security_log(SecurityEvent.Event.DENIED, request, reason=reason)
    raise PermissionDenied(reason)


def not_found(request, reason: str) -> None:
    """Log a denial answered as 404 (the object exists but is outside the user's scope) and raise."""
    security_log(SecurityEvent.Event.NOT_FOUND, request, reason=reason)
    raise Http404


def get_scoped_or_404(
    queryset: QuerySet,
    *,
    scope: Q | None,
    lookup: dict[str, Any],
    request=None,
):
    """The object matching ``lookup`` inside ``scope`` (``None`` = unrestricted), else 404.

    When the object exists but lies outside the scope, the denial is written to the security log
    (model and lookup keys only, no values) before the 404."""
    visible = queryset if scope is None else queryset.filter(scope)
    try:
        return visible.get(**lookup)
    except queryset.model.DoesNotExist:
        pass
    except (ValueError, TypeError) as exc:  # a malformed id in the URL is a 404, not a 500
        raise Http404 from exc
    if scope is not None and queryset.filter(**lookup).exists():
        security_log(
            SecurityEvent.Event.NOT_FOUND,
            request,
            model=queryset.model._meta.label,
            lookup=sorted(lookup),
        )
    raise Http404


# --- view decorators -------------------------------------------------------------------------------


def forbidden_response(request, reason: str = "", status: int = 403):
    return render(request, "accounts/forbidden.html", {"reason": reason}, status=status)


def role_required(*roles: str):
    """Function-view decorator: anonymous users go to the login page; signed-in users without one of
    ``roles`` (superusers pass) get a Persian 403 page and a security-log entry."""
    allowed = frozenset(str(role) for role in roles)
    unknown = allowed - set(Role.values)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(user, *allowed):
                security_log(
                    SecurityEvent.Event.DENIED,
                    request,
                    reason="role",
                    view=f"{view.__module__}.{view.__qualname__}",
                    role=user.role,
                )
                return forbidden_response(request)
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = allowed
        return wrapper

    return decorator


def staff_roles() -> Iterable[str]:
    """Every role that is not a phone role (for ``role_required(*staff_roles())``)."""
    from sakoo.accounts.models import STAFF_ROLES

    return sorted(STAFF_ROLES)


class RoleRequiredMixin:
    """The same check for class-based views: set ``allowed_roles = (Role.AGENCY_OFFICER, ...)``."""

    allowed_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        checked = role_required(*self.allowed_roles)(super().dispatch)
        return checked(request, *args, **kwargs)
