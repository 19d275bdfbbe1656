from django.utils.translation import gettext_lazy as _

from sakoo.core.navigation import NavItem

NAV_ITEMS = [
    NavItem("workcal:calendar", _("Working-day calendar"),
            roles=frozenset({"province_admin", "province_analyst", "agency_officer", "bank_officer"}),
            order=75),
]
