from django.utils.translation import gettext_lazy as _

from sakoo.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        "resolutions:index",
        _("Working group"),
        roles=frozenset({"province_admin", "province_analyst", "agency_officer"}),
        order=80,
    ),
]
