from django.utils.translation import gettext_lazy as _

from sakoo.core.navigation import NavItem

NAV_ITEMS = [
    NavItem("atlas:index", _("Unemployment atlas"), order=40),
    NavItem(
        "atlas:reference_figures",
        _("Atlas reference figures"),
        roles=frozenset({"province_admin"}),
        order=41,
    ),
]
