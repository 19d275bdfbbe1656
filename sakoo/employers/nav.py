from django.utils.translation import gettext_lazy as _

from sakoo.core.navigation import NavItem

NAV_ITEMS = [
    NavItem("employers:dashboard", _("My company"), roles=frozenset({"employer"}), order=20),
    NavItem("employers:candidates", _("Find candidates"), roles=frozenset({"employer"}), order=21),
]
