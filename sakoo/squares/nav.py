from django.utils.translation import gettext_lazy as _

from sakoo.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        "squares:index",
        _("Labour squares"),
        roles=frozenset(
            {"labour_square_coordinator", "county_officer", "province_analyst", "province_admin"}
        ),
        order=85,
    ),
    NavItem("squares:my_requests", _("Day workers"), roles=frozenset({"employer"}), order=85),
]
