"""The {% load sakoo %} filters, in Persian and in English."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation


def render(source, **context):
    return Template("{% load sakoo %}" + source).render(Context(context))


CASES = [
    # (template, context, fa, en)
    ("{{ n|num }}", {"n": 1264524}, "۱٬۲۶۴٬۵۲۴", "1,264,524"),
    ("{{ n|num:1 }}", {"n": 13.54}, "۱۳٫۵", "13.5"),
    ("{{ s|fa_digits }}", {"s": "کد 041"}, "کد ۰۴۱", "کد 041"),
    ("{{ x|floatformat:2|fa_digits }}", {"x": 1.234}, "۱٫۲۳", "1.23"),
    ("{{ s|fa_digits }}", {"s": "192.168.1.1 v2.0"}, "۱۹۲.۱۶۸.۱.۱ v۲٫۰", "192.168.1.1 v2.0"),
    # markup: digits in the text only; tags and character references stay intact; unsafe text is escaped
    (
        "{{ h|safe|fa_digits_html }}",
        {"h": "<mark>تکنسین</mark> 24 &#x27;3&#x27; &amp;"},
        "<mark>تکنسین</mark> ۲۴ &#x27;۳&#x27; &amp;",
        "<mark>تکنسین</mark> 24 &#x27;3&#x27; &amp;",
    ),
    ("{{ h|fa_digits_html }}", {"h": "<b>1</b>"}, "&lt;b&gt;۱&lt;/b&gt;", "&lt;b&gt;1&lt;/b&gt;"),
    ("{{ x|floatformat:0|num }}", {"x": 1264524.4}, "۱٬۲۶۴٬۵۲۴", "1,264,524"),
    ("{{ d|jdate }}", {"d": dt.date(2024, 5, 4)}, "۱۵ اردیبهشت ۱۴۰۳", "15 Ordibehesht 1403"),
    ("{{ d|jdate_short }}", {"d": dt.date(2024, 5, 4)}, "۱۴۰۳/۰۲/۱۵", "1403/02/15"),
    (
        "{{ t|jdatetime }}",
        {"t": dt.datetime(2024, 5, 4, 10, 0, tzinfo=dt.UTC)},
        "۱۵ اردیبهشت ۱۴۰۳، ۱۳:۳۰",
        "15 Ordibehesht 1403, 13:30",
    ),
    ("{{ d|jdate }}", {"d": "2024-05-04"}, "۱۵ اردیبهشت ۱۴۰۳", "15 Ordibehesht 1403"),
    ("{{ d|jdate_short }}", {"d": dt.datetime(2024, 5, 3, 21, 0, tzinfo=dt.UTC)}, "۱۴۰۳/۰۲/۱۵", "1403/02/15"),
    ("{{ ym|jmonth }}", {"ym": (1404, 7)}, "مهر ۱۴۰۴", "Mehr 1404"),
    ("{{ ym|jmonth }}", {"ym": "1404-07"}, "مهر ۱۴۰۴", "Mehr 1404"),
    ("{{ r|money }}", {"r": 12_500_000}, "۱٬۲۵۰٬۰۰۰ تومان", "1,250,000 tomans"),
    ('{{ r|money:"rial" }}', {"r": 12_500_000}, "۱۲٬۵۰۰٬۰۰۰ ریال", "12,500,000 rials"),
    ("{{ r|toman }}", {"r": 12_500_000}, "۱٬۲۵۰٬۰۰۰ تومان", "1,250,000 tomans"),
    ("{{ r|rial }}", {"r": 10}, "۱۰ ریال", "10 rials"),
    ("{{ p|percent }}", {"p": 0.135}, "٪۱۳٫۵", "13.5%"),
    ("{{ p|percent:0 }}", {"p": 0.135}, "٪۱۴", "14%"),
    ("{{ p|percent:2 }}", {"p": 0.13544}, "٪۱۳٫۵۴", "13.54%"),
    ("{{ p|percent }}", {"p": -0.021}, "-٪۲٫۱", "-2.1%"),
    # empty and bad values never raise
    ("[{{ n|num }}|{{ n|jdate }}|{{ n|money }}|{{ n|percent }}]", {"n": None}, "[|||]", "[|||]"),
    ("{{ s|num }}", {"s": "n/a"}, "n/a", "n/a"),
    ("{{ s|jmonth }}", {"s": "soon"}, "soon", "soon"),
]


@pytest.mark.parametrize(("source", "context", "fa", "en"), CASES)
def test_filters_in_both_languages(source, context, fa, en):
    with translation.override("fa"):
        assert render(source, **context) == fa
    with translation.override("en"):
        assert render(source, **context) == en
