from django.conf import settings

from sakoo.core.navigation import nav_for


def sakoo(request):
    return {
        "SAKOO_DEMO": settings.SAKOO_DEMO,
        "SAKOO_PROVINCE": settings.SAKOO_PROVINCE,
        "nav_items": nav_for(request),
    }
