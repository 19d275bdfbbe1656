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
from sakoo.accounts.testing import MembershipFactory, OrganisationFactory, UserFactory
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

from .helpers import check_phone, flash_message, form_field, sms_login, staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

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


def _errors(page) -> str:
    summary = page.locator("#form-errors")
    assert summary.get_attribute("role") == "alert"
    return summary.inner_text()


def _status(page) -> str:
    return page.locator("h1 .badge").inner_text().strip()


def _facts(page) -> str:
    return page.locator("dl.facts").inner_text()


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
    sms_login(coop, sms_outbox, MOBILE_TYPED, MOBILE)
    coop.get_by_role("navigation").get_by_role("link", name="تعاونی‌ها").first.click()
    coop.wait_for_url("**/cooperatives/")
    assert coop.get_by_role("heading", level=1).inner_text() == "تعاونی‌های اشتغال‌زا"
    check_phone(coop, screenshot, "cooperatives-01-index-to-register", wait=True, lang="fa")
    coop.get_by_role("link", name="ثبت نمایه تعاونی").click()
    coop.wait_for_url("**/cooperatives/register/")
    form = coop.locator("form.stack")
    form_field(form, "شرکت").select_option(label=COOP_NAME)
    form_field(form, "بخش").select_option(label="روستای هدف گردشگری")
    form_field(form, "شماره ثبت").fill("۱۲۳۴۵")
    form_field(form, "اعضای مرد").fill("۱۲")
    form_field(form, "اعضای زن").fill("هفت")  # not a number
    form_field(form, "شاغلان فعلی").fill("۹")
    form.get_by_role("button", name="ثبت").click()
    coop.wait_for_load_state()
    expected = "اعضای زن: یک عدد صحیح وارد کنید، مانند ۱۲."
    assert expected in _errors(coop)
    assert expected in form.inner_text()  # next to the field too
    assert form_field(form, "اعضای زن").input_value() == "هفت"
    assert form_field(form, "اعضای مرد").input_value() == "۱۲"
    assert form_field(form, "شماره ثبت").input_value() == "۱۲۳۴۵"
    assert form_field(form, "بخش").input_value() == Sector.TOURISM_VILLAGE
    check_phone(coop, screenshot, "cooperatives-02-register-members-error", wait=True, lang="fa")
    # a target tourism village needs its village (the service's rule, shown next to the field)
    form_field(form, "اعضای زن").fill("۷")
    form.get_by_role("button", name="ثبت").click()
    coop.wait_for_load_state()
    expected = "روستا: نام روستای هدف گردشگری را وارد کنید."
    assert expected in _errors(coop)
    assert expected in form.inner_text()
    assert form_field(form, "اعضای زن").input_value() == "۷"
    assert form_field(form, "شاغلان فعلی").input_value() == "۹"
    assert not Cooperative.objects.filter(employer=world["employer"]).exists()
    check_phone(coop, screenshot, "cooperatives-03-register-village-error", wait=True, lang="fa")
    form_field(form, "روستا").fill("کندوان")
    form.get_by_role("button", name="ثبت").click()
    coop.wait_for_url(re.compile(r"/cooperatives/\d+/$"))
    assert flash_message(coop) == "نمایه تعاونی ثبت شد."
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
    check_phone(coop, screenshot, "cooperatives-04-cooperative-page", wait=True, lang="fa")

    # 2. the public package; the user applies for bank credit and for insurance support
    coop.goto("/cooperatives/package/")
    cards = coop.locator(".coop-cards li")
    assert cards.count() == 2
    assert CREDIT in cards.nth(0).inner_text() and "۲۰ روز کاری" in cards.nth(0).inner_text()
    check_phone(coop, screenshot, "cooperatives-05-package", wait=True, lang="fa")
    coop.goto(f"/cooperatives/{cooperative.pk}/")
    coop.get_by_role("link", name="درخواست حمایت").click()
    coop.wait_for_url(f"**/cooperatives/{cooperative.pk}/apply/")
    form = coop.locator("form.stack")
    form_field(form, "ردیف حمایتی").select_option(label=CREDIT)
    form_field(form, "طرح").fill("خرید دو دار قالی و پشم برای کارگاه فرش‌بافی روستا")
    form_field(form, "اشتغال پیش‌بینی‌شده").fill("۸")
    form_field(form, "مبلغ درخواستی (برای ردیف‌های ریالی)").fill("۱۵۰٬۰۰۰٬۰۰۰")
    check_phone(coop, screenshot, "cooperatives-06-apply-form", wait=True, lang="fa")
    form.get_by_role("button", name="ارسال درخواست").click()
    coop.wait_for_url(re.compile(r"/cooperatives/applications/\d+/$"))
    assert flash_message(coop) == "درخواست شما فرستاده شد. کارشناس فرمانداری آن را بررسی می‌کند."
    assert _status(coop) == "ثبت‌شده"
    credit_app = Application.objects.get(cooperative=cooperative, item=world["credit"])
    assert (credit_app.amount_requested, credit_app.jobs_promised, credit_app.status) == (
        1_500_000_000,
        8,
        Status.SUBMITTED,
    )
    assert "۱۵۰٬۰۰۰٬۰۰۰ تومان" in _facts(coop)
    check_phone(coop, screenshot, "cooperatives-07-application-sent", wait=True, lang="fa")
    coop.goto(f"/cooperatives/{cooperative.pk}/apply/")
    form = coop.locator("form.stack")
    form_field(form, "ردیف حمایتی").select_option(label=INSURANCE)
    form_field(form, "طرح").fill("بیمه چهار بافنده تازه")
    form_field(form, "اشتغال پیش‌بینی‌شده").fill("۴")
    form_field(form, "تعداد صندلی یا ماه درخواستی (برای ردیف‌های دیگر)").fill("۶")
    form.get_by_role("button", name="ارسال درخواست").click()
    coop.wait_for_url(re.compile(r"/cooperatives/applications/\d+/$"))
    insurance_app = Application.objects.get(cooperative=cooperative, item=world["insurance"])
    assert insurance_app.amount_requested == 6

    # 3. the county officer reviews: under review → approved (a smaller amount)
    officer = new_phone_page()
    staff_login(officer, "osku-officer")
    _open_application(officer, CREDIT)
    assert _status(officer) == "ثبت‌شده"
    check_phone(officer, screenshot, "cooperatives-08-officer-application", wait=True, lang="fa")
    officer.get_by_role("button", name="گرفتن برای بررسی").click()
    officer.wait_for_load_state()
    assert flash_message(officer) == "وضعیت درخواست ذخیره شد."
    assert _status(officer) == "در حال بررسی"
    approve = officer.locator("#decide-approve")
    form_field(approve, "مبلغ (تومان)").fill("۱۲۰٬۰۰۰٬۰۰۰")
    approve.get_by_role("button", name="تصویب").click()
    officer.wait_for_load_state()
    assert flash_message(officer) == "وضعیت درخواست ذخیره شد."
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
    check_phone(officer, screenshot, "cooperatives-09-approved", wait=True, lang="fa")

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
    check_phone(officer, screenshot, "cooperatives-10-reject-without-reason", wait=True, lang="fa")
    form_field(reject, "دلیل رد").fill("بافندگان پیش‌تر بیمه شده‌اند")
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
    check_phone(coop, screenshot, "cooperatives-11-approved-deadline", wait=True, lang="fa")

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
    check_phone(officer, screenshot, "cooperatives-12-delivered", wait=True, lang="fa")

    # 4b. the user sees the delivery and records the jobs created (a bad value first)
    coop.reload()
    assert _status(coop) == "تحویل‌شده"
    assert "هنوز گزارش نشده" in _facts(coop)
    follow = coop.locator("form", has=coop.get_by_role("button", name="ثبت پیگیری"))
    form_field(follow, "اشتغال ایجادشده").fill("-۲")
    follow.get_by_role("button", name="ثبت پیگیری").click()
    coop.wait_for_load_state()
    assert "اشتغال ایجادشده: صفر یا بیشتر وارد کنید." in _errors(coop)
    assert form_field(follow, "اشتغال ایجادشده").input_value() == "-۲"
    form_field(follow, "اشتغال ایجادشده").fill("۵")
    follow.get_by_role("button", name="ثبت پیگیری").click()
    coop.wait_for_url(f"**/cooperatives/applications/{credit_app.pk}/")
    assert flash_message(coop) == "پیگیری ثبت شد."
    assert FollowUp.objects.get(application=credit_app).jobs_created == 5
    assert "۵ شغل ایجاد شده" in coop.locator(".coop-list").inner_text()
    check_phone(coop, screenshot, "cooperatives-13-follow-up", wait=True, lang="fa")

    # 5. the province admin's figures, and the public summary
    admin = new_phone_page()
    staff_login(admin, "province-admin")
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
    check_phone(admin, screenshot, "cooperatives-14-figures", wait=True, lang="fa")

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
