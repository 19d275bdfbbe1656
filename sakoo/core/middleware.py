"""Persian first: the site speaks Persian unless the visitor chose English with the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language header, so a phone set to English
would get English pages. Sakoo serves the province in Persian by default; the choice of English is kept
in the language cookie set by the switch (django.views.i18n.set_language).

The JSON API (/api/) keeps honouring Accept-Language: other systems choose the language of its messages.
"""


class PersianFirstMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
