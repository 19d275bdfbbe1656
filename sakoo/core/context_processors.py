from django.conf import settings


def sakoo(request):
    return {"SAKOO_DEMO": settings.SAKOO_DEMO, "SAKOO_PROVINCE": settings.SAKOO_PROVINCE}
