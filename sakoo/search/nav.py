from django.utils.translation import gettext_lazy as _

from sakoo.core.navigation import NavItem

NAV_ITEMS = [NavItem("search:search", _("Find jobs"), order=10)]
