"""Navigation by role. Each app may define ``NAV_ITEMS`` in ``sakoo/<app>/nav.py``; this collects them.

A NavItem with ``roles=None`` is public; ``roles={"authenticated"}`` means any signed-in user; otherwise
the user's role must be in ``roles`` (superusers see everything).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.apps import apps
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str  # a gettext_lazy string
    roles: frozenset[str] | None = None
    order: int = 50


@cache
def _all_items() -> tuple[NavItem, ...]:
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("sakoo."):
            continue
        try:
            module = import_module(f"{config.name}.nav")
        except ModuleNotFoundError:
            continue
        items.extend(getattr(module, "NAV_ITEMS", []))
    return tuple(sorted(items, key=lambda item: item.order))


def _visible(item: NavItem, user) -> bool:
    if item.roles is None:
        return True
    if not user.is_authenticated:
        return False
    if user.is_superuser or "authenticated" in item.roles:
        return True
    return getattr(user, "role", None) in item.roles


def nav_for(request) -> list[dict]:
    entries = []
    for item in _all_items():
        if not _visible(item, request.user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        current = request.path == url or (url != "/" and request.path.startswith(url))
        entries.append({"url": url, "label": item.label, "current": current})
    return entries
