from django.utils.translation import gettext_lazy as _

from sakoo.core.navigation import NavItem

NAV_ITEMS = [
    NavItem("facilities:dashboard", _("Facilities"),
            roles=frozenset({"agency_officer", "province_analyst", "province_admin"}), order=60),
    NavItem("facilities:files", _("Facility files"), roles=frozenset({"bank_officer"}), order=60),
    NavItem("facilities:import", _("Import files"), roles=frozenset({"agency_officer", "bank_officer"}),
            order=61),
    NavItem("facilities:scorecard", _("Bank scorecard"),
            roles=frozenset({"province_analyst", "province_admin"}), order=62),
    NavItem("facilities:reallocation", _("Reallocation"), roles=frozenset({"province_admin"}), order=63),
]
