from django.utils.translation import gettext_lazy as _

from sakoo.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        "monitoring:dashboard",
        _("Monitoring"),
        roles=frozenset({"province_admin", "province_analyst", "county_officer"}),
        order=70,
    ),
]
