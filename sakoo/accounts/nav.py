from django.utils.translation import gettext_lazy as _

from sakoo.accounts.models import STAFF_ROLES
from sakoo.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        "accounts:security",
        _("My account and security"),
        roles=frozenset(str(r) for r in STAFF_ROLES),
        order=90,
    ),
]
