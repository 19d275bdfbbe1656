"""The whole job-platform journey in the browser, at phone width, in Persian, through the real pages.

A new job seeker registers with an SMS code and completes onboarding (a national ID typed in Persian
digits, a Jalali birth date); searches with Arabic letters and a minimum wage in Persian digits, filters by
county, opens a vacancy and applies. An employer logs in with an SMS code and posts a vacancy; the
province admin logs in with a password and approves it in the moderation queue; it becomes searchable;
the seeker applies to it; the employer shortlists the seeker and records the hire; the seeker logs in
again and sees the hire and their employment status changed. Every actor uses the login pages.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from sakoo.accounts import sms
from sakoo.accounts.models import Role, User
from sakoo.core.validators import normalize_national_id
from sakoo.geo.models import County
from sakoo.search import selectors, services
from sakoo.search.testing import make_search_fixture
from sakoo.seekers.models import JobSeeker, StatusChange
from sakoo.vacancies.models import Application, ApplicationEvent, Placement, Vacancy
from sakoo.vacancies.tests import factories as f

from .helpers import fits_phone, flash_message, form_field, sms_login, staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEEKER_PHONE = "۰۹۱۴ ۳۱۲ ۴۵۶۷"  # typed as a phone user would, Persian digits and spaces
SEEKER_MOBILE = "09143124567"
EMPLOYER_MOBILE = "09141112233"
NATIONAL_ID = "۱۳۶۲۴۱۵۸۰۴"  # a valid checksum, Persian digits
ADMIN_USERNAME, ADMIN_PASSWORD = "ostandari", "journey-pass-1404"
NEW_TITLE = "حسابدار مالیاتی"  # Persian yeh; the seeker searches it with Arabic yeh


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "sakoo.accounts.sms.LocmemSMSBackend"
    # The seeker logs in twice within a minute; in life the second login comes days later.
    settings.OTP_RESEND_COOLDOWN_SECONDS = 0
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def world(settings, tmp_path):
    """The search fixture's counties, occupations and vacancies (indexed), an employer with a mobile
    number, and the province admin with a password. The job seeker does not exist yet."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    services.reset_engine()
    selectors.clear_reference_cache()
    ids = make_search_fixture(timezone.now())
    services.rebuild_search_index()
    employer = f.employer(
        county=County.objects.get(code="0301"),
        name="شرکت نمونه آذر",
        member=f.user(Role.EMPLOYER, phone=EMPLOYER_MOBILE),
    )
    admin = User(username=ADMIN_USERNAME, role=Role.PROVINCE_ADMIN)
    admin.set_password(ADMIN_PASSWORD)
    admin.save()
    yield {"ids": ids, "employer": employer}
    services.reset_engine()
    selectors.clear_reference_cache()


# --- helpers ---------------------------------------------------------------------------------------------


def _nav(page, label: str):
    page.locator(".main-nav").get_by_role("link", name=label).click()
    page.wait_for_load_state()


def _occupation_label(title: str, code: str) -> re.Pattern:
    """An occupation as choices show it, "title (code)", with the code in either digit script."""
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    return re.compile(rf"^{title} \(({code}|{persian})\)$")


def _choose_desired_occupation(page, title: str, code: str):
    """The desired-occupation picker: type a word, tick the match, see it among the chosen ones."""
    label = _occupation_label(title, code)
    search = page.get_by_test_id("occupation-search")
    if search.count() == 0:  # a plain multiple select
        field = page.locator("select[name=desired_occupations]")
        field.select_option(field.locator("option", has_text=label).first.get_attribute("value"))
        return
    search.press_sequentially(title)
    matches = page.get_by_test_id("occupation-matches")
    try:
        matches.wait_for(timeout=5000)  # the typeahead
    except PlaywrightTimeout:
        page.get_by_test_id("occupation-search-submit").click()  # the search without the typeahead
        page.wait_for_load_state()
    matches.get_by_label(label).click()
    page.get_by_test_id("occupations-chosen").get_by_text(label).wait_for()


def _search(page, query: str):
    page.get_by_test_id("search-q").fill(query)
    page.get_by_test_id("search-submit").click()
    page.wait_for_url("**/search/?*")


def _result_titles(page) -> list[str]:
    return [t.strip() for t in page.get_by_test_id("result").locator("h2").all_inner_texts()]


def _apply(page, note: str):
    page.get_by_label("یادداشت برای کارفرما (اختیاری)").fill(note)
    page.get_by_test_id("apply").click()
    page.wait_for_load_state()
    assert flash_message(page) == "درخواست شما ارسال شد."
    assert "ارسال‌شده" in page.get_by_test_id("application-status").inner_text()


# --- the journey ---------------------------------------------------------------------------------------


def test_register_search_apply_post_approve_shortlist_hire(world, sms_outbox, new_phone_page, screenshot):
    assert normalize_national_id(NATIONAL_ID) == "1362415804"
    seeker_page, employer_page, admin_page = new_phone_page(), new_phone_page(), new_phone_page()

    # 1. a new job seeker registers with an SMS code and lands on onboarding
    sms_login(seeker_page, sms_outbox, SEEKER_PHONE, SEEKER_MOBILE, from_home=True)
    page = seeker_page
    page.wait_for_url("**/seekers/onboarding/")
    assert page.locator("html").get_attribute("lang") == "fa"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == "نمایه کارجویی شما"
    form = page.get_by_test_id("onboarding-form")
    _choose_desired_occupation(page, "حسابدار", "2411")  # first: its search may reload the page
    form_field(form, "کد ملی").fill(NATIONAL_ID)
    form_field(form, "نام").fill("مريم")  # Arabic yeh, stored as Persian
    form_field(form, "نام خانوادگی").fill("رضایی")
    form_field(form, "تاریخ تولد").fill("۱۳۷۵/۰۶/۱۵")
    form.get_by_label("زن").check()
    form_field(form, "شهرستان محل سکونت").select_option(label="تبریز")
    form_field(form, "سطح تحصیلات").select_option(label="کارشناسی")
    form_field(form, "رشته تحصیلی").fill("حسابداری")
    form_field(form, "مهارت‌ها").fill("اکسل، نرم‌افزار سپیدار")
    assert form_field(form, "وضعیت اشتغال").input_value() == "unemployed_looking"
    fits_phone(page)
    screenshot(page, "journey-01-onboarding-phone-fa")
    page.get_by_test_id("onboarding-submit").click()
    page.wait_for_url("**/seekers/dashboard/")
    assert flash_message(page) == "خوش آمدید! نمایه کارجویی شما ذخیره شد."
    assert page.get_by_role("heading", level=1).inner_text() == "سلام، مریم"
    assert page.get_by_test_id("employment-status").inner_text() == "بیکار و جویای کار"
    seeker = JobSeeker.objects.get(user__phone=SEEKER_MOBILE)
    assert (seeker.national_id, seeker.first_name, seeker.birth_date.isoformat()) == (
        "1362415804",
        "مریم",
        "1996-09-05",
    )
    assert list(seeker.desired_occupations.values_list("code", flat=True)) == ["2411"]
    recommended = page.get_by_test_id("recommendations").locator("h3").all_inner_texts()
    assert "كارشناس ارشد حسابداري" in recommended
    assert "حسابدار موقت" not in recommended  # published, but its expiry date passed yesterday
    fits_phone(page)
    screenshot(page, "journey-02-seeker-dashboard-new-phone-fa")

    # 2. search with an Arabic kaf, a minimum wage in Persian digits and a county; open and apply
    page.get_by_test_id("my-applications").get_by_role("link", name="جست‌وجوی فرصت‌های شغلی").click()
    page.wait_for_url("**/search/")
    _search(page, "كارشناس")
    assert page.get_by_test_id("result-count").inner_text().startswith("۳ ")
    page.locator(".search-filters summary").click()
    page.get_by_test_id("filter-min-wage").fill("۲۰٬۰۰۰٬۰۰۰")  # tomans
    page.get_by_test_id("filter-county").select_option(label="تبریز")
    page.get_by_test_id("filter-submit").click()
    page.wait_for_url("**county=0301**")
    assert _result_titles(page) == ["كارشناس ارشد حسابداري"]
    fits_phone(page)
    screenshot(page, "journey-03-search-phone-fa")
    page.get_by_test_id("result").first.locator("h2 a").click()
    page.wait_for_url(f"**/jobs/{world['ids']['v01']}/")
    fits_phone(page)
    _apply(page, "با سلام، سه سال سابقه حسابداری دارم.")

    # 3. the employer logs in and posts a vacancy; it waits for review and is not searchable yet
    sms_login(employer_page, sms_outbox, "۰۹۱۴ ۱۱۱ ۲۲۳۳", EMPLOYER_MOBILE, from_home=True)
    page = employer_page
    _nav(page, "شرکت من")
    page.wait_for_url("**/employers/dashboard/")
    page.get_by_test_id("new-vacancy").click()
    page.wait_for_url("**/jobs/new/")
    form = page.get_by_test_id("vacancy-form")
    form_field(form, "عنوان شغل").press_sequentially(NEW_TITLE)
    page.get_by_test_id("occupation-suggestions").wait_for()
    occupation = form.locator("[name=occupation]")
    assert _occupation_label("حسابدار", "2411").match(occupation.locator("option:checked").inner_text())
    form.locator("[name=description]").fill("تنظیم اظهارنامه مالیاتی و صورت‌های مالی شرکت")
    form_field(form, "حداقل حقوق ماهانه").fill("۲۵٬۰۰۰٬۰۰۰")
    form_field(form, "تعداد نفرات").fill("۱")
    assert form_field(form, "شهرستان").locator("option:checked").inner_text() == "تبریز"
    fits_phone(page)
    screenshot(page, "journey-04-vacancy-form-phone-fa")
    page.get_by_test_id("vacancy-submit").click()
    page.wait_for_url("**/employers/dashboard/")
    row = page.get_by_test_id("employer-vacancy-row").filter(has_text=NEW_TITLE)
    assert row.get_by_test_id("vacancy-status").inner_text() == "در انتظار بررسی"
    vacancy = Vacancy.objects.get(title=NEW_TITLE)
    assert (vacancy.status, vacancy.employer_id, vacancy.wage_min) == (
        "pending_review",
        world["employer"].pk,
        250_000_000,
    )

    seeker_page.goto("/search/")
    _search(seeker_page, "حسابدار مالياتي")  # Arabic yeh
    assert NEW_TITLE not in _result_titles(seeker_page)

    # the province admin logs in with a password and approves it
    staff_login(admin_page, ADMIN_USERNAME, ADMIN_PASSWORD, from_home=True)
    page = admin_page
    _nav(page, "بازبینی فرصت‌های شغلی")
    page.wait_for_url("**/jobs/moderation/")
    pending = page.get_by_test_id("pending-vacancy").filter(has_text=NEW_TITLE)
    assert "شرکت نمونه آذر" in pending.inner_text()
    fits_phone(page)
    screenshot(page, "journey-05-moderation-phone-fa")
    pending.get_by_test_id("approve").click()
    page.wait_for_url("**/jobs/moderation/")
    assert flash_message(page) == f"منتشر شد: {NEW_TITLE}"
    assert page.get_by_test_id("pending-vacancy").filter(has_text=NEW_TITLE).count() == 0
    vacancy.refresh_from_db()
    assert vacancy.status == "published"

    # 4. it is searchable now; the seeker finds it with Arabic letters and applies
    page = seeker_page
    page.reload()
    assert _result_titles(page)[0] == NEW_TITLE
    page.get_by_test_id("result").filter(has_text=NEW_TITLE).locator("h2 a").click()
    page.wait_for_url(f"**/jobs/{vacancy.pk}/")
    assert page.get_by_test_id("vacancy-wage").inner_text().strip() == "۲۵٬۰۰۰٬۰۰۰ تومان"
    _apply(page, "آماده شروع به کار هستم.")
    screenshot(page, "journey-06-applied-phone-fa")

    # 5. the employer shortlists the seeker and records the hire
    page = employer_page
    page.reload()
    row = page.get_by_test_id("employer-vacancy-row").filter(has_text=NEW_TITLE)
    assert row.get_by_test_id("vacancy-status").inner_text() == "منتشرشده"
    row.get_by_test_id("applicants-link").click()
    page.wait_for_url(f"**/jobs/{vacancy.pk}/applicants/")
    assert page.get_by_test_id("applicant-row").count() == 1
    fits_phone(page)
    page.get_by_role("link", name="مریم رضایی").click()
    page.get_by_test_id("move-shortlisted").click()
    page.wait_for_load_state()
    assert flash_message(page) == "وضعیت به «در فهرست کوتاه» تغییر کرد."
    assert page.get_by_test_id("application-status").inner_text() == "در فهرست کوتاه"
    fits_phone(page)
    page.get_by_test_id("record-hire").click()
    page.wait_for_url("**/hire/")
    assert page.get_by_role("heading", level=1).inner_text() == "ثبت استخدام: مریم رضایی"
    fits_phone(page)
    screenshot(page, "journey-07-record-hire-phone-fa")
    page.get_by_test_id("hire-submit").click()
    page.wait_for_url(f"**/jobs/{vacancy.pk}/applicants/")
    assert flash_message(page) == "استخدام ثبت شد."
    assert page.get_by_test_id("applicant-status").inner_text().strip() == "استخدام شد"

    # 6. the seeker logs in again and sees the hire and the status change
    page = seeker_page
    page.locator(".site-header").get_by_role("button", name="خروج").click()
    page.wait_for_load_state()
    sms_login(page, sms_outbox, SEEKER_PHONE, SEEKER_MOBILE, from_home=True)
    _nav(page, "پیشخوان من")
    page.wait_for_url("**/seekers/dashboard/")
    applications = page.get_by_test_id("my-applications").locator("li")
    hired = applications.filter(has_text=NEW_TITLE)
    assert hired.get_by_test_id("my-application-status").inner_text() == "استخدام شد"
    first = applications.filter(has_text="كارشناس ارشد حسابداري")
    assert first.get_by_test_id("my-application-status").inner_text() == "ارسال‌شده"
    assert page.get_by_test_id("employment-status").inner_text() == "شاغل (استخدام‌شده)"
    history = page.get_by_test_id("status-history").locator("li").all_inner_texts()
    assert len(history) == 2
    assert history[0].endswith(": شاغل (استخدام‌شده) (شرکت نمونه آذر)"), history
    assert history[1].endswith(": بیکار و جویای کار"), history
    fits_phone(page)
    screenshot(page, "journey-08-seeker-hired-phone-fa")
    hired.get_by_role("link", name=NEW_TITLE).click()
    page.wait_for_url("**/jobs/applications/*/")
    assert page.get_by_test_id("application-status").inner_text() == "استخدام شد"
    fits_phone(page)

    # the database agrees: one placement of this seeker on the new vacancy, dated status history
    seeker.refresh_from_db()
    application = Application.objects.get(vacancy=vacancy)
    placement = Placement.objects.get()
    assert (placement.seeker_id, placement.vacancy_id, placement.application_id, placement.employer_id) == (
        seeker.pk,
        vacancy.pk,
        application.pk,
        world["employer"].pk,
    )
    assert (placement.hired_on, placement.wage) == (timezone.localdate(), 250_000_000)
    assert (seeker.employment_status, application.status) == ("employed", "hired")
    assert list(
        StatusChange.objects.filter(seeker=seeker)
        .order_by("valid_from", "pk")
        .values_list("status", "reason", "placement_id")
    ) == [("unemployed_looking", "registration", None), ("employed", "hired", placement.pk)]
    assert list(
        ApplicationEvent.objects.filter(application=application)
        .order_by("pk")
        .values_list("to_status", flat=True)
    ) == ["submitted", "seen", "shortlisted", "hired"]
    assert list(
        Application.objects.filter(seeker=seeker).order_by("pk").values_list("vacancy_id", "status")
    ) == [
        (world["ids"]["v01"], "submitted"),
        (vacancy.pk, "hired"),
    ]
    for actor in (seeker_page, employer_page, admin_page):
        assert actor.console_errors == []
