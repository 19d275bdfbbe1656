from django.utils.translation import gettext_lazy as _

from sakoo.core.navigation import NavItem

NAV_ITEMS = [NavItem("seekers:dashboard", _("My dashboard"), roles=frozenset({"job_seeker"}), order=20)]
