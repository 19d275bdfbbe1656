from django.utils.translation import gettext_lazy as _

from sakoo.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        "cooperatives:index",
        _("Cooperatives"),
        roles=frozenset(
            {"employer", "county_officer", "agency_officer", "province_analyst", "province_admin"}
        ),
        order=87,
    ),
]
