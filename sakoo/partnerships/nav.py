from django.utils.translation import gettext_lazy as _

from sakoo.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        "partnerships:agreements",
        _("Tripartite agreements"),
        roles=frozenset({"province_analyst", "province_admin", "employer", "agency_officer"}),
        order=87,
    ),
    NavItem(
        "partnerships:outcomes",
        _("Skills training"),
        roles=frozenset({"province_analyst", "province_admin", "county_officer", "agency_officer"}),
        order=88,
    ),
    NavItem("partnerships:courses", _("Training courses"), roles=frozenset({"job_seeker"}), order=60),
    NavItem("partnerships:my_enrolments", _("My courses"), roles=frozenset({"job_seeker"}), order=61),
]
