"""Employment cooperatives in the browser, at phone width (360 px), in Persian, through the real pages.

A cooperative's user (an employer user) logs in with an SMS code and registers the cooperative's profile
(a target tourism village, members typed in Persian digits): a count that is not a number, then a
tourism village without its village, are refused with a Persian error naming the field, keeping what was
typed. The user opens the public package and applies for two items with a plan (an amount in tomans typed
with Persian digits and separators; a number of months). The county officer logs in on the staff login
page, takes the first application up for review and approves a smaller amount; a rejection of the second
without a reason is refused, then made with one. The user sees the approval and the working days left
before the deadline; the officer records the delivery; the user records the jobs created. The province
admin sees the counts on the figures page, and the public API answers JSON with small counts withheld.
Every page fits 360 px and logs no console error.
"""

import re

import pytest
from django.utils import timezone

from sakoo.accounts import sms
from sakoo.accounts.models import OrganisationKind, Role
from sakoo.accounts.testing import TEST_PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from sakoo.cooperatives.models import Application, Cooperative, FollowUp, Sector, Status, Unit
from sakoo.cooperatives.testing import (
    CooperativeEmployerFactory,
    CooperativeFactory,
    JobsReportFactory,
    SupportItemFactory,
)
from sakoo.core.jalali import format_jalali
from sakoo.core.text import to_persian_digits
from sakoo.geo.factories import CountyFactory
from sakoo.workcal.selectors import add_working_days, working_days_left

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 360
MOBILE = "09143334455"
MOBILE_TYPED = "۰۹۱۴ ۳۳۳ ۴۴۵۵"
COOP_NAME = "تعاونی فرش‌بافان کندوان"
CREDIT, INSURANCE = "تسهیلات بانکی اشتغال‌زایی", "حمایت از حق بیمه کارفرما"
OTHER_COOPERATIVES = 11  # in the same county, so that the county's count of cooperatives is published


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "sakoo.accounts.sms.LocmemSMSBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def world():
    """A county with eleven registered cooperatives, a company flagged as a cooperative (no profile yet)
    with its user, two items of the package (credit in rials, insurance in months), the county's officer
    and the province admin."""
    county = CountyFactory(name_fa="اسکو", name_en="Osku")
    for _ in range(OTHER_COOPERATIVES):
        JobsReportFactory(cooperative=CooperativeFactory(employer__county=county), jobs=3)
    employer = CooperativeEmployerFactory(county=county, name=COOP_NAME)
    user = UserFactory(role=Role.EMPLOYER, phone=MOBILE)
    MembershipFactory(user=user, organisation=employer.organisation)
    agency = OrganisationFactory(kind=OrganisationKind.AGENCY, name="اداره کل تعاون، کار و رفاه اجتماعی")
    credit = SupportItemFactory(
        name_fa=CREDIT, agency=agency, unit=Unit.RIALS, is_bank_credit=True, deadline_working_days=20, order=1
    )
    insurance = SupportItemFactory(name_fa=INSURANCE, agency=agency, unit=Unit.MONTHS, order=2)
    officer = UserFactory(username="osku-officer", role=Role.COUNTY_OFFICER)
    MembershipFactory(
        user=officer, organisation=OrganisationFactory(kind=OrganisationKind.COUNTY, county=county)
    )
    admin = UserFactory(username="province-admin", role=Role.PROVINCE_ADMIN)
    return {
        "county": county,
        "employer": employer,
        "user": user,
        "credit": credit,
        "insurance": insurance,
        "officer": officer,
        "admin": admin,
    }


# --- helpers ---------------------------------------------------------------------------------------------


def _fa(value) -> str:
    return to_persian_digits(str(value))


def _check(page, screenshot, name: str):
    """The page fits 360 px and has logged no console error; keep a screenshot."""
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways at 360 px: scrollWidth {width}"
    assert page.console_errors == [], (page.url, page.console_errors)
    assert page.locator("html").get_attribute("lang") == "fa"
    screenshot(page, f"cooperatives-{name}-phone-fa")


def _message(page) -> str:
    return page.locator(".messages").inner_text().strip()


def _field(scope, label: str):
    """A form field by its visible label (Django's label tags end with a colon)."""
    return scope.get_by_label(f"{label}:", exact=True)


def _errors(page) -> str:
    summary = page.locator("#form-errors")
    assert summary.get_attribute("role") == "alert"
    return summary.inner_text()


def _status(page) -> str:
    return page.locator("h1 .badge").inner_text().strip()


def _facts(page) -> str:
    return page.locator("dl.facts").inner_text()


def _staff_login(page, username: str):
    page.goto("/accounts/login/staff/")
    form = page.get_by_test_id("staff-form")
    _field(form, "نام کاربری").fill(username)
    _field(form, "گذرواژه").fill(TEST_PASSWORD)
    form.get_by_role("button", name="ورود").click()
    page.wait_for_load_state()
    assert page.locator(".site-header").get_by_role("button", name="خروج").is_visible()


def _sms_login(page, outbox, typed_phone: str, mobile: str):
    page.goto("/accounts/login/")
    page.get_by_role("textbox", name="شماره همراه").fill(typed_phone)
    page.get_by_test_id("send-code").click()
    page.wait_for_url("**/accounts/login/code/")
    codes = [re.search(r"Sakoo code: ([0-9]{6})", m.text) for m in outbox if m.to == mobile]
    codes = [c.group(1) for c in codes if c]
    assert codes, f"no login code was sent to {mobile}"
    page.get_by_role("textbox", name="کد").fill(codes[-1])
    page.get_by_test_id("verify-code").click()
    page.wait_for_load_state()
    assert page.locator(".site-header").get_by_role("button", name="خروج").is_visible()


def _open_application(page, item_name: str):
    """From the applications list (staff) to the application for ``item_name``."""
    page.goto("/cooperatives/applications/")
    row = page.locator("tbody tr", has_text=item_name)
    row.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/cooperatives/applications/\d+/$"))


# --- the journey -----------------------------------------------------------------------------------------


def test_register_apply_review_deliver_follow_up_and_figures(world, sms_outbox, new_phone_page, screenshot):
    today = timezone.localdate()

    # 1. the cooperative's user logs in with an SMS code and registers the profile
    coop = new_phone_page()
    _sms_login(coop, sms_outbox, MOBILE_TYPED, MOBILE)
    coop.get_by_role("navigation").get_by_role("link", name="تعاونی‌ها").first.click()
    coop.wait_for_url("**/cooperatives/")
    assert coop.get_by_role("heading", level=1).inner_text() == "تعاونی‌های اشتغال‌زا"
    _check(coop, screenshot, "01-index-to-register")
    coop.get_by_role("link", name="ثبت نمایه تعاونی").click()
    coop.wait_for_url("**/cooperatives/register/")
    form = coop.locator("form.stack")
    _field(form, "شرکت").select_option(label=COOP_NAME)
    _field(form, "بخش").select_option(label="روستای هدف گردشگری")
    _field(form, "شماره ثبت").fill("۱۲۳۴۵")
    _field(form, "اعضای مرد").fill("۱۲")
    _field(form, "اعضای زن").fill("هفت")  # not a number
    _field(form, "شاغلان فعلی").fill("۹")
    form.get_by_role("button", name="ثبت").click()
    coop.wait_for_load_state()
    expected = "اعضای زن: یک عدد صحیح وارد کنید، مانند ۱۲."
    assert expected in _errors(coop)
    assert expected in form.inner_text()  # next to the field too
    assert _field(form, "اعضای زن").input_value() == "هفت"
    assert _field(form, "اعضای مرد").input_value() == "۱۲"
    assert _field(form, "شماره ثبت").input_value() == "۱۲۳۴۵"
    assert _field(form, "بخش").input_value() == Sector.TOURISM_VILLAGE
    _check(coop, screenshot, "02-register-members-error")
    # a target tourism village needs its village (the service's rule, shown next to the field)
    _field(form, "اعضای زن").fill("۷")
    form.get_by_role("button", name="ثبت").click()
    coop.wait_for_load_state()
    expected = "روستا: نام روستای هدف گردشگری را وارد کنید."
    assert expected in _errors(coop)
    assert expected in form.inner_text()
    assert _field(form, "اعضای زن").input_value() == "۷"
    assert _field(form, "شاغلان فعلی").input_value() == "۹"
    assert not Cooperative.objects.filter(employer=world["employer"]).exists()
    _check(coop, screenshot, "03-register-village-error")
    _field(form, "روستا").fill("کندوان")
    form.get_by_role("button", name="ثبت").click()
    coop.wait_for_url(re.compile(r"/cooperatives/\d+/$"))
    assert _message(coop) == "نمایه تعاونی ثبت شد."
    cooperative = Cooperative.objects.get(employer=world["employer"])
    assert (
        cooperative.sector,
        cooperative.county,
        cooperative.village,
        cooperative.registration_number,
        cooperative.members_male,
        cooperative.members_female,
        cooperative.jobs_reports.get().jobs,
    ) == (Sector.TOURISM_VILLAGE, world["county"], "کندوان", "12345", 12, 7, 9)
    facts = _facts(coop)
    assert "روستای هدف گردشگری" in facts and "اسکو، روستا کندوان" in facts
    assert "۱۹ (۱۲ مرد، ۷ زن)" in facts and "۱۲۳۴۵" in facts
    _check(coop, screenshot, "04-cooperative-page")

    # 2. the public package; the user applies for bank credit and for insurance support
    coop.goto("/cooperatives/package/")
    cards = coop.locator(".coop-cards li")
    assert cards.count() == 2
    assert CREDIT in cards.nth(0).inner_text() and "۲۰ روز کاری" in cards.nth(0).inner_text()
    _check(coop, screenshot, "05-package")
    coop.goto(f"/cooperatives/{cooperative.pk}/")
    coop.get_by_role("link", name="درخواست حمایت").click()
    coop.wait_for_url(f"**/cooperatives/{cooperative.pk}/apply/")
    form = coop.locator("form.stack")
    _field(form, "ردیف حمایتی").select_option(label=CREDIT)
    _field(form, "طرح").fill("خرید دو دار قالی و پشم برای کارگاه فرش‌بافی روستا")
    _field(form, "اشتغال پیش‌بینی‌شده").fill("۸")
    _field(form, "مبلغ درخواستی (برای ردیف‌های ریالی)").fill("۱۵۰٬۰۰۰٬۰۰۰")
    _check(coop, screenshot, "06-apply-form")
    form.get_by_role("button", name="ارسال درخواست").click()
    coop.wait_for_url(re.compile(r"/cooperatives/applications/\d+/$"))
    assert _message(coop) == "درخواست شما فرستاده شد. کارشناس فرمانداری آن را بررسی می‌کند."
    assert _status(coop) == "ثبت‌شده"
    credit_app = Application.objects.get(cooperative=cooperative, item=world["credit"])
    assert (credit_app.amount_requested, credit_app.jobs_promised, credit_app.status) == (
        1_500_000_000,
        8,
        Status.SUBMITTED,
    )
    assert "۱۵۰٬۰۰۰٬۰۰۰ تومان" in _facts(coop)
    _check(coop, screenshot, "07-application-sent")
    coop.goto(f"/cooperatives/{cooperative.pk}/apply/")
    form = coop.locator("form.stack")
    _field(form, "ردیف حمایتی").select_option(label=INSURANCE)
    _field(form, "طرح").fill("بیمه چهار بافنده تازه")
    _field(form, "اشتغال پیش‌بینی‌شده").fill("۴")
    _field(form, "تعداد صندلی یا ماه درخواستی (برای ردیف‌های دیگر)").fill("۶")
    form.get_by_role("button", name="ارسال درخواست").click()
    coop.wait_for_url(re.compile(r"/cooperatives/applications/\d+/$"))
    insurance_app = Application.objects.get(cooperative=cooperative, item=world["insurance"])
    assert insurance_app.amount_requested == 6

    # 3. the county officer reviews: under review → approved (a smaller amount)
    officer = new_phone_page()
    _staff_login(officer, "osku-officer")
    _open_application(officer, CREDIT)
    assert _status(officer) == "ثبت‌شده"
    _check(officer, screenshot, "08-officer-application")
    officer.get_by_role("button", name="گرفتن برای بررسی").click()
    officer.wait_for_load_state()
    assert _message(officer) == "وضعیت درخواست ذخیره شد."
    assert _status(officer) == "در حال بررسی"
    approve = officer.locator("#decide-approve")
    _field(approve, "مبلغ (تومان)").fill("۱۲۰٬۰۰۰٬۰۰۰")
    approve.get_by_role("button", name="تصویب").click()
    officer.wait_for_load_state()
    assert _message(officer) == "وضعیت درخواست ذخیره شد."
    assert _status(officer) == "تصویب‌شده"
    credit_app.refresh_from_db()
    deadline = add_working_days(today, 20, scope="government", county=cooperative.county_id)
    assert (credit_app.status, credit_app.amount_approved, credit_app.decided_on, credit_app.deadline) == (
        Status.APPROVED,
        1_200_000_000,
        today,
        deadline,
    )
    assert "۱۲۰٬۰۰۰٬۰۰۰ تومان" in _facts(officer)
    _check(officer, screenshot, "09-approved")

    # a rejection without a reason is refused (the second application), then made with one
    _open_application(officer, INSURANCE)
    reject = officer.locator("#decide-reject")
    reject.get_by_role("button", name="رد").click()
    officer.wait_for_load_state()
    reject = officer.locator("#decide-reject")
    expected = "دلیل: بگویید چرا درخواست رد می‌شود."
    summary = reject.locator("#form-errors li").all_inner_texts()
    assert [t.strip() for t in summary] == [expected]  # the field named once
    assert reject.locator("#form-errors").get_attribute("role") == "alert"
    assert _status(officer) == "ثبت‌شده"
    insurance_app.refresh_from_db()
    assert insurance_app.status == Status.SUBMITTED
    _check(officer, screenshot, "10-reject-without-reason")
    _field(reject, "دلیل رد").fill("بافندگان پیش‌تر بیمه شده‌اند")
    reject.get_by_role("button", name="رد").click()
    officer.wait_for_load_state()
    assert _status(officer) == "ردشده"
    assert "بافندگان پیش‌تر بیمه شده‌اند" in _facts(officer)

    # 4a. the cooperative's user sees the approval and the working days left
    coop.goto(f"/cooperatives/{cooperative.pk}/")
    listed = coop.locator(".coop-list li.card")
    assert "تصویب‌شده" in listed.filter(has_text=CREDIT).inner_text()
    assert "ردشده" in listed.filter(has_text=INSURANCE).inner_text()
    listed.filter(has_text=CREDIT).get_by_role("link").click()
    coop.wait_for_url(f"**/cooperatives/applications/{credit_app.pk}/")
    assert _status(coop) == "تصویب‌شده"
    left = working_days_left(today, deadline, scope="government", county=cooperative.county_id)
    assert left > 0
    facts = _facts(coop)
    assert format_jalali(deadline) in facts
    assert f"{_fa(left)} روز کاری مانده" in facts, facts
    assert coop.get_by_role("button", name="تصویب").count() == 0  # reviewing is the officer's
    _check(coop, screenshot, "11-approved-deadline")

    # 3b. the officer records the delivery (the amount approved by default)
    officer.goto(f"/cooperatives/applications/{credit_app.pk}/")
    officer.locator("#decide-deliver").get_by_role("button", name="ثبت تحویل").click()
    officer.wait_for_load_state()
    assert _status(officer) == "تحویل‌شده"
    credit_app.refresh_from_db()
    assert (credit_app.status, credit_app.amount_delivered) == (Status.DELIVERED, 1_200_000_000)
    steps = officer.locator("ol.steps li").all_inner_texts()
    assert [s.split(" — ")[1].split(" · ")[0] for s in steps] == [
        "ثبت‌شده",
        "در حال بررسی",
        "تصویب‌شده",
        "تحویل‌شده",
    ]
    _check(officer, screenshot, "12-delivered")

    # 4b. the user sees the delivery and records the jobs created (a bad value first)
    coop.reload()
    assert _status(coop) == "تحویل‌شده"
    assert "هنوز گزارش نشده" in _facts(coop)
    follow = coop.locator("form", has=coop.get_by_role("button", name="ثبت پیگیری"))
    _field(follow, "اشتغال ایجادشده").fill("-۲")
    follow.get_by_role("button", name="ثبت پیگیری").click()
    coop.wait_for_load_state()
    assert "اشتغال ایجادشده: صفر یا بیشتر وارد کنید." in _errors(coop)
    assert _field(follow, "اشتغال ایجادشده").input_value() == "-۲"
    _field(follow, "اشتغال ایجادشده").fill("۵")
    follow.get_by_role("button", name="ثبت پیگیری").click()
    coop.wait_for_url(f"**/cooperatives/applications/{credit_app.pk}/")
    assert _message(coop) == "پیگیری ثبت شد."
    assert FollowUp.objects.get(application=credit_app).jobs_created == 5
    assert "۵ شغل ایجاد شده" in coop.locator(".coop-list").inner_text()
    _check(coop, screenshot, "13-follow-up")

    # 5. the province admin's figures, and the public summary
    admin = new_phone_page()
    _staff_login(admin, "province-admin")
    admin.goto("/cooperatives/figures/")
    assert admin.get_by_role("heading", level=1).inner_text() == "تعاونی‌ها: آمار"
    county_table = admin.locator("table").first
    row = county_table.locator("tbody tr", has_text="اسکو")
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    members_male = 12 + 6 * OTHER_COOPERATIVES
    members_female = 7 + 4 * OTHER_COOPERATIVES
    assert cells == [
        _fa(OTHER_COOPERATIVES + 1),
        _fa(members_male),
        _fa(members_female),
        _fa(9 + 3 * OTHER_COOPERATIVES),
        "۲",
        "۱",
        "۱۲۰٬۰۰۰٬۰۰۰ تومان",
        "۱۲۰٬۰۰۰٬۰۰۰ تومان",
        "۸",
        "۵",
    ], cells
    sector_row = admin.locator("table").nth(1).locator("tbody tr", has_text="روستای هدف گردشگری")
    assert [c.strip() for c in sector_row.locator("td").all_inner_texts()][:1] == ["۱"]
    _check(admin, screenshot, "14-figures")

    response = admin.request.get("/api/v1/cooperatives/summary")
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    (osku,) = [c for c in body["counties"] if c["name_fa"] == "اسکو"]
    assert osku["cooperatives"] == OTHER_COOPERATIVES + 1
    assert osku["members_male"] == members_male
    # two applications, one approved: small counts are withheld, with what they add up
    assert osku["applications"] is None and osku["approved"] is None and osku["jobs_created"] is None
    assert {"applications", "approved", "jobs_created", "approved_rials"} <= set(osku["suppressed"])
    assert body["province"]["cooperatives"] == OTHER_COOPERATIVES + 1
    assert "cooperatives" in body["definitions"]
