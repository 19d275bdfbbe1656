from django.utils.translation import gettext_lazy as _

from sakoo.core.navigation import NavItem

NAV_ITEMS = [
    NavItem("vacancies:moderation", _("Vacancy moderation"), roles=frozenset({"province_admin"}), order=60),
    NavItem(
        "vacancies:report_hire",
        _("Report a hire"),
        roles=frozenset({"county_officer", "agency_officer", "labour_square_coordinator", "province_admin"}),
        order=61,
    ),
]
