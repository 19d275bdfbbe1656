"""University–industry partnerships and skills training in the browser, at phone width (360 px), in Persian.

A job seeker logs in with an SMS code, filters the public course list by county, occupation and words
typed with Arabic letters, enrols in a course and sees it among their courses. The provider's staff log in
on the staff login page, see the trainees, mark a trainee of an ended course as completed and add a course
with Jalali dates in Persian digits (a bad date is refused with a Persian error naming the field, keeping
what was typed). The province admin opens the agreements and an agreement: each measure's commitment,
what Sakoo's records count, what was reported by hand and by whom, and the sum; records a progress figure
in Persian digits and ends the agreement. An employer party to the agreement sees it; another employer
gets 404. The public API lists the courses of a county as JSON. Every page fits 360 px and logs no
console error.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone

from sakoo.accounts import sms
from sakoo.accounts.models import Role
from sakoo.accounts.testing import MembershipFactory, UserFactory
from sakoo.core.jalali import format_jalali
from sakoo.core.text import to_persian_digits
from sakoo.partnerships.models import Agreement, Course, Enrolment, ProgressReport
from sakoo.partnerships.testing import (
    AgencyFactory,
    AgreementFactory,
    CourseFactory,
    EnrolmentFactory,
    TrainingProviderFactory,
    UniversityFactory,
    occupation,
    placement,
)
from sakoo.vacancies.tests import factories as f

from .helpers import check_phone, flash_message, form_field, sms_login, staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 360
SEEKER_MOBILE, SEEKER_TYPED = "09143334455", "۰۹۱۴ ۳۳۳ ۴۴۵۵"
PARTY_MOBILE, PARTY_TYPED = "09145556677", "۰۹۱۴ ۵۵۵ ۶۶۷۷"
OTHER_MOBILE, OTHER_TYPED = "09147778899", "۰۹۱۴ ۷۷۷ ۸۸۹۹"
REPAIR = "دوره تعمیرکار لوازم خانگی"  # Tabriz, 7421: the seeker finds it with Arabic yeh and kaf
WELDING = "دوره جوشکاری مقدماتی"  # Tabriz, 7212
CAR_REPAIR = "دوره تعمیرکار خودرو"  # Maragheh, 7231
PAST = "دوره جوشکاری پیشرفته"  # Tabriz, ended five days ago, two trainees
TRAINEE_A, TRAINEE_B = ("مریم", "احمدی"), ("سارا", "کریمی")


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "sakoo.accounts.sms.LocmemSMSBackend"
    settings.OTP_RESEND_COOLDOWN_SECONDS = 0
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def world():
    """Two counties of the province; a TVTO provider (an agency organisation) with its officer; four
    courses; an active agreement of Tabriz University with one company and the labour office, with an
    internship and a hire of graduates in Sakoo, a course under it with two enrolments and a hires figure
    reported by hand; the province admin; a job seeker and two employers with mobile numbers."""
    today = timezone.localdate()
    tabriz = f.county()  # 0301 تبریز, the factories' default county
    maragheh = f.county(code="0310", name_fa="مراغه", name_en="Maragheh")
    repairers = occupation("7421", "تعمیرکاران لوازم الکترونیکی")
    welders = occupation("7212", "جوشکاران")
    mechanics = occupation("7231", "مکانیک‌های خودرو")

    tvto_org = AgencyFactory(name="اداره کل آموزش فنی و حرفه‌ای استان", code="tvto")
    provider = TrainingProviderFactory(name="آموزش فنی و حرفه‌ای تبریز", organisation=tvto_org)
    officer = UserFactory(username="tvto-officer", role=Role.AGENCY_OFFICER)
    MembershipFactory(user=officer, organisation=tvto_org)
    admin = UserFactory(
        username="ostan-admin", role=Role.PROVINCE_ADMIN, first_name="مدیر", last_name="استان"
    )

    def course(title, county, occ, start_in, **kw):
        return CourseFactory(
            provider=provider,
            title=title,
            county=county,
            occupation=occ,
            starts_on=today + dt.timedelta(days=start_in),
            ends_on=today + dt.timedelta(days=start_in + 30),
            **kw,
        )

    repair = course(REPAIR, tabriz, repairers, 10)
    course(WELDING, tabriz, welders, 12)
    course(CAR_REPAIR, maragheh, mechanics, 8)
    past = course(PAST, tabriz, welders, -35)
    trainees = [
        EnrolmentFactory(
            course=past,
            seeker=f.seeker(county=tabriz, first_name=first, last_name=last),
            enrolled_on=today - dt.timedelta(days=40),
        )
        for first, last in (TRAINEE_A, TRAINEE_B)
    ]

    party = f.employer(
        name="شرکت دانش‌بنیان آذرفن",
        county=tabriz,
        knowledge_based=True,
        member=f.user(Role.EMPLOYER, phone=PARTY_MOBILE),
    )
    f.employer(name="شرکت صنایع دیگر", county=tabriz, member=f.user(Role.EMPLOYER, phone=OTHER_MOBILE))
    university = UniversityFactory(name="دانشگاه تبریز", county=tabriz)
    labour_office = AgencyFactory(name="اداره کل تعاون، کار و رفاه اجتماعی", code="cooperatives-labour")
    agreement = AgreementFactory(
        title="تفاهم‌نامه دانشگاه تبریز و آذرفن",
        university=university,
        labour_office=labour_office,
        employers=[party],
        signed_on=today - dt.timedelta(days=100),
        internships_committed=10,
        hires_committed=20,
        training_seats_committed=30,
    )
    for contract in ("internship", "permanent"):
        graduate = f.seeker(county=tabriz, university="دانشگاه تبریز", education_level="bachelor")
        placement(
            seeker=graduate, employer=party, hired_on=today - dt.timedelta(days=50), contract_type=contract
        )
    trainers = occupation("2356", "مربیان فناوری اطلاعات")
    under = course("دوره مهارت‌آموزی دانش‌آموختگان", tabriz, trainers, 20, agreement=agreement)
    for _ in range(2):
        EnrolmentFactory(course=under)
    ProgressReport.objects.create(
        agreement=agreement,
        measure=ProgressReport.Measure.HIRES,
        number=5,
        as_of=today - dt.timedelta(days=10),
        note="نامه شرکت‌ها",
        reported_by=admin,
    )

    seeker = f.seeker(u=f.user(Role.JOB_SEEKER, phone=SEEKER_MOBILE), county=tabriz)
    return {
        "today": today,
        "tabriz": tabriz,
        "provider": provider,
        "repair": repair,
        "past": past,
        "trainees": trainees,
        "agreement": agreement,
        "seeker": seeker,
        "admin": admin,
    }


# --- helpers ---------------------------------------------------------------------------------------------


def _fa(value) -> str:
    return to_persian_digits(str(value))


def _jalali_typed(day: dt.date) -> str:
    return to_persian_digits(format_jalali(day, "short", lang="en"))


def _course_titles(page) -> list[str]:
    return [t.strip() for t in page.locator("ul.course-list li.card h2").all_inner_texts()]


def _filter(page, *, county: str = "", q: str = "", occupation_code: str = ""):
    form = page.locator("form.filters")
    form_field(form, "شهرستان").select_option(label=county or "همهٔ شهرستان‌ها")
    form_field(form, "واژه‌ها").fill(q)
    form_field(form, "شغل (کد ISCO-08)").fill(occupation_code)
    form.get_by_role("button", name="جستجو").click()
    page.wait_for_load_state()


def _cells(row) -> list[str]:
    return [c.strip() for c in row.locator("th, td").all_inner_texts()]


# --- 1. the job seeker -----------------------------------------------------------------------------------


def test_seeker_filters_courses_and_enrols(world, sms_outbox, phone_page, screenshot):
    page = phone_page
    sms_login(page, sms_outbox, SEEKER_TYPED, SEEKER_MOBILE)
    page.goto("/partnerships/training/")
    assert page.get_by_role("heading", level=1).inner_text() == "دوره‌های مهارت‌آموزی"
    # open and upcoming courses, those starting soonest first; the ended course is not listed
    assert _course_titles(page) == [CAR_REPAIR, REPAIR, WELDING, "دوره مهارت‌آموزی دانش‌آموختگان"]
    check_phone(page, screenshot, "partnerships-01-courses", lang="fa")

    _filter(page, county="تبریز")
    assert "county=0301" in page.url
    assert _course_titles(page) == [REPAIR, WELDING, "دوره مهارت‌آموزی دانش‌آموختگان"]
    # the words typed with Arabic yeh and kaf find the title written with Persian letters
    _filter(page, county="تبریز", q="تعميركار")
    assert _course_titles(page) == [REPAIR]
    assert form_field(page.locator("form.filters"), "شهرستان").input_value() == "0301"
    check_phone(page, screenshot, "partnerships-02-courses-filtered-words", lang="fa")
    # an ISCO-08 prefix typed in Persian digits
    _filter(page, occupation_code="۷۲")
    assert _course_titles(page) == [CAR_REPAIR, WELDING]
    _filter(page, county="تبریز", occupation_code="۷۴۲۱", q="لوازم")
    assert _course_titles(page) == [REPAIR]
    # a bad code: a Persian error, no list
    _filter(page, occupation_code="جوش")
    assert (
        "شغل: کد ISCO-08 یک تا چهار رقمی وارد کنید، مانند ۷۲۱۲."
        in page.locator("form.filters [role=alert]").inner_text()
    )
    check_phone(page, screenshot, "partnerships-03-courses-bad-code", lang="fa")

    _filter(page, county="تبریز", q="تعميركار")
    page.locator("ul.course-list").get_by_role("link", name=REPAIR).click()
    page.wait_for_url(f"**/partnerships/training/{world['repair'].pk}/")
    facts = page.locator("dl.facts").inner_text()
    assert "آموزش فنی و حرفه‌ای تبریز" in facts and "۷۴۲۱" in facts and "۲۰ (۲۰ " in facts
    check_phone(page, screenshot, "partnerships-04-course", lang="fa")
    page.locator("main").get_by_role("button", name="ثبت‌نام").click()
    page.wait_for_url(f"**/partnerships/training/{world['repair'].pk}/")
    assert flash_message(page) == "ثبت‌نام شما انجام شد. برگزارکننده پیش از شروع دوره با شما تماس می‌گیرد."
    assert "۲۰ (۱۹ " in page.locator("dl.facts").inner_text()
    assert page.locator("main").get_by_role("button", name="ثبت‌نام").count() == 0
    enrolment = Enrolment.objects.get(seeker=world["seeker"])
    assert (enrolment.course, enrolment.status) == (world["repair"], Enrolment.Status.ENROLLED)
    check_phone(page, screenshot, "partnerships-05-enrolled", lang="fa")

    page.locator("main").get_by_role("link", name="دوره‌های من").click()
    page.wait_for_url("**/partnerships/training/mine/")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1
    cells = _cells(rows.first)
    assert cells[0] == REPAIR and cells[2] == "تبریز" and cells[-1] == "ثبت‌نام‌شده"
    check_phone(page, screenshot, "partnerships-06-my-courses", lang="fa")


# --- 5. the public API -----------------------------------------------------------------------------------


def test_public_api_lists_a_countys_courses(world, phone_page):
    response = phone_page.request.get("/api/v1/partnerships/courses?county=۰۳۰۱&occupation=72")
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["count"] == 1
    (row,) = body["courses"]
    assert (row["title"], row["county"], row["occupation"], row["seats_left"], row["open"]) == (
        WELDING,
        "0301",
        "7212",
        20,
        True,
    )
    assert body == phone_page.request.get("/api/v1/partnerships/courses?county=0301&occupation=۷۲").json()
    all_tabriz = phone_page.request.get("/api/v1/partnerships/courses?county=0301").json()
    assert {c["title"] for c in all_tabriz["courses"]} == {REPAIR, WELDING, "دوره مهارت‌آموزی دانش‌آموختگان"}
    bad = phone_page.request.get("/api/v1/partnerships/courses?county=tabriz")
    assert bad.status == 422 and "county" in bad.text()


# --- 2. the provider's staff -----------------------------------------------------------------------------


def test_provider_staff_mark_completion_and_add_a_course(world, sms_outbox, phone_page, screenshot):
    page = phone_page
    today, past = world["today"], world["past"]
    EnrolmentFactory(course=world["repair"], seeker=world["seeker"])
    staff_login(page, "tvto-officer")
    page.goto("/partnerships/training/outcomes/")
    assert page.get_by_role("heading", level=1).inner_text() == "مهارت‌آموزی"
    check_phone(page, screenshot, "partnerships-10-staff-outcomes", lang="fa")

    # the trainees of an upcoming course: completion waits for its last day
    page.locator("main").get_by_role("link", name=REPAIR).click()
    page.wait_for_url(f"**/partnerships/training/{world['repair'].pk}/figures/")
    page.get_by_role("link", name="کارآموزان و پایان دوره").click()
    page.wait_for_url(f"**/partnerships/training/{world['repair'].pk}/roster/")
    assert world["seeker"].full_name in page.locator("ul.roster").inner_text()
    ends = format_jalali(world["repair"].ends_on, "long", lang="fa")
    assert f"پایان دوره را از {ends}، روز آخر دوره، می‌توان ثبت کرد." in page.locator("main").inner_text()
    check_phone(page, screenshot, "partnerships-11-roster-upcoming", lang="fa")

    # the ended course: two trainees; one completed
    page.goto("/partnerships/training/outcomes/")
    page.locator("main table").get_by_role("link", name=PAST).click()
    page.wait_for_url(f"**/partnerships/training/{past.pk}/figures/")
    page.get_by_role("link", name="کارآموزان و پایان دوره").click()
    page.wait_for_url(f"**/partnerships/training/{past.pk}/roster/")
    names = [t.strip() for t in page.locator("ul.roster li strong").all_inner_texts()]
    assert names == [" ".join(TRAINEE_A), " ".join(TRAINEE_B)]
    first = world["trainees"][0]
    card = page.locator(f"#enrolment-{first.pk}")
    form_field(card, "وضعیت").select_option(label="به پایان رسانده")
    card.get_by_role("button", name="ذخیره").click()
    page.wait_for_url(f"**/partnerships/training/{past.pk}/roster/")
    assert flash_message(page) == "ذخیره شد."
    first.refresh_from_db()
    assert first.status == Enrolment.Status.COMPLETED and first.marked_by.username == "tvto-officer"
    card = page.locator(f"#enrolment-{first.pk}")
    assert form_field(card, "وضعیت").input_value() == "completed"
    check_phone(page, screenshot, "partnerships-12-roster-marked", lang="fa")
    page.get_by_role("link", name=PAST).click()
    page.wait_for_url(f"**/partnerships/training/{past.pk}/figures/")
    facts = page.locator("dl.facts").inner_text()
    assert re.search(r"به پایان رسانده\s*۱\s", facts), facts

    # add a course: a bad start date is refused, naming the field, keeping what was typed
    page.goto("/partnerships/training/outcomes/")
    page.locator("main").get_by_role("link", name="افزودن دوره").click()
    page.wait_for_url("**/partnerships/training/new/")
    form = page.locator("main form.stack")
    starts, ends = today + dt.timedelta(days=15), today + dt.timedelta(days=75)
    title = "دوره برق‌کاری ساختمان"
    form_field(form, "عنوان").fill(title)
    form_field(form, "شغل").fill("۷۲۱۲")
    form_field(form, "شهرستان").select_option(label="تبریز")
    form_field(form, "تاریخ شروع").fill("۱۴۰۵/۱۳/۴۰")
    form_field(form, "تاریخ پایان").fill(_jalali_typed(ends))
    form_field(form, "ظرفیت").fill("۲۵")
    form_field(form, "ساعت").fill("۱۸۰")
    check_phone(page, screenshot, "partnerships-13-course-form", lang="fa")
    form.get_by_role("button", name="افزودن دوره").click()
    page.wait_for_load_state()
    summary = page.locator("#form-errors")
    assert summary.get_attribute("role") == "alert"
    assert "تاریخ شروع: ماه باید بین ۱ و ۱۲ باشد." in summary.inner_text()
    assert "ماه باید بین ۱ و ۱۲ باشد." in form.inner_text()  # next to the field too
    assert form_field(form, "تاریخ شروع").input_value() == "۱۴۰۵/۱۳/۴۰"
    assert form_field(form, "عنوان").input_value() == title
    assert form_field(form, "شغل").input_value() == "۷۲۱۲"
    assert form_field(form, "شهرستان").input_value() == str(world["tabriz"].pk)
    assert form_field(form, "تاریخ پایان").input_value() == _jalali_typed(ends)
    assert form_field(form, "ظرفیت").input_value() == "۲۵"
    assert form_field(form, "ساعت").input_value() == "۱۸۰"
    assert not Course.objects.filter(title=title).exists()
    check_phone(page, screenshot, "partnerships-14-course-date-error", lang="fa")

    form_field(form, "تاریخ شروع").fill(_jalali_typed(starts))
    form.get_by_role("button", name="افزودن دوره").click()
    page.wait_for_url(re.compile(r"/partnerships/training/\d+/figures/$"))
    assert flash_message(page) == "دوره به فهرست عمومی افزوده شد."
    added = Course.objects.get(title=title)
    assert (added.provider, added.county, added.occupation.code, added.starts_on, added.ends_on) == (
        world["provider"],
        world["tabriz"],
        "7212",
        starts,
        ends,
    )
    assert (added.seats, added.hours, added.is_published) == (25, 180, True)
    check_phone(page, screenshot, "partnerships-15-course-added", lang="fa")
    page.goto("/partnerships/training/?county=0301&q=برق")
    assert _course_titles(page) == [title]


# --- 3. the province admin -------------------------------------------------------------------------------


def test_province_admin_follows_an_agreement(world, phone_page, screenshot):
    page = phone_page
    agreement, today = world["agreement"], world["today"]
    staff_login(page, "ostan-admin")
    page.goto("/partnerships/")
    assert page.get_by_role("heading", level=1).inner_text() == "تفاهم‌نامه‌های سه‌جانبه"
    row = page.locator("main table tbody tr", has=page.get_by_role("link", name=agreement.title))
    # internships, hires, training seats: achieved / committed
    assert _cells(row)[-3:] == ["۱ / ۱۰", "۶ / ۲۰", "۲ / ۳۰"]
    check_phone(page, screenshot, "partnerships-20-agreements", lang="fa")

    row.get_by_role("link", name=agreement.title).click()
    page.wait_for_url(f"**/partnerships/agreements/{agreement.pk}/")
    facts = page.locator("dl.facts").inner_text()
    assert "در حال اجرا" in facts and "دانشگاه تبریز" in facts and "شرکت دانش‌بنیان آذرفن" in facts
    progress = page.locator("main table").first
    headers = [t.strip() for t in progress.locator("thead th").all_inner_texts()]
    assert headers == [
        "سنجه",
        "تعهدشده",
        "از سوابق سکو",
        "گزارش‌شده به‌صورت دستی",
        "محقق‌شده",
        "از تعهد",
        "این عددها چه می‌شمارند",
    ]
    rows = progress.locator("tbody tr")
    internships, hires, training = (_cells(rows.nth(i)) for i in range(3))
    assert internships[:5] == ["کارآموزی", "۱۰", "۱", "—", "۱"]
    assert hires[:5] == ["دانش‌آموختگان به‌کارگرفته", "۲۰", "۱", "۵", "۶"]
    assert training[:5] == ["ظرفیت آموزش مهارتی", "۳۰", "۲", "—", "۲"]
    # what each figure counts, and where the hand-reported one comes from
    assert "کارآموز شده‌اند (به‌کارگیری‌های ثبت‌شده در سکو، هر نفر یک بار)" in internships[-1]
    assert "هر قراردادی جز کارآموزی" in hires[-1]
    reported_on = format_jalali(today - dt.timedelta(days=10), "long", lang="fa")
    assert f"گزارش دستی: آخرین گزارش، به‌روز تا {reported_on}، از مدیر استان." in hires[-1]
    assert "ثبت‌نام‌ها در دوره‌های مهارت‌آموزی سکو" in training[-1]
    reports = page.locator("main table").nth(1).locator("tbody tr")
    assert reports.count() == 1 and "نامه شرکت‌ها" in reports.first.inner_text()
    check_phone(page, screenshot, "partnerships-21-agreement", lang="fa")

    # a progress figure reported by hand, in Persian digits
    report_form = page.locator("form", has=page.get_by_role("button", name="ثبت عدد"))
    form_field(report_form, "سنجه").select_option(label="کارآموزی")
    form_field(report_form, "تعداد تا امروز").fill("۱۲")
    form_field(report_form, "منبع عدد").fill("نامه معاونت پژوهشی دانشگاه")
    report_form.get_by_role("button", name="ثبت عدد").click()
    page.wait_for_url(f"**/partnerships/agreements/{agreement.pk}/")
    assert flash_message(page) == "گزارش پیشرفت ثبت شد."
    report = ProgressReport.objects.get(agreement=agreement, measure=ProgressReport.Measure.INTERNSHIPS)
    assert (report.number, report.as_of, report.reported_by) == (12, today, world["admin"])
    internships = _cells(page.locator("main table").first.locator("tbody tr").first)
    assert internships[:5] == ["کارآموزی", "۱۰", "۱", "۱۲", "۱۳"]
    assert f"به‌روز تا {format_jalali(today, 'long', lang='fa')}، از مدیر استان." in internships[-1]
    assert page.locator("main table").nth(1).locator("tbody tr").count() == 2
    check_phone(page, screenshot, "partnerships-22-progress-reported", lang="fa")

    # the agreement ends
    status_form = page.locator("form", has=page.get_by_role("button", name="ذخیره وضعیت"))
    form_field(status_form, "وضعیت جدید").select_option(label="پایان‌یافته")
    status_form.get_by_role("button", name="ذخیره وضعیت").click()
    page.wait_for_url(f"**/partnerships/agreements/{agreement.pk}/")
    assert flash_message(page) == "وضعیت تفاهم‌نامه ذخیره شد."
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.ENDED
    assert "پایان‌یافته" in page.locator("dl.facts").inner_text()
    check_phone(page, screenshot, "partnerships-23-agreement-ended", lang="fa")


# --- 4. employers ----------------------------------------------------------------------------------------


def test_party_employer_sees_the_agreement_and_another_gets_404(
    world, sms_outbox, new_phone_page, screenshot
):
    agreement = world["agreement"]
    url = f"/partnerships/agreements/{agreement.pk}/"

    party = new_phone_page()
    sms_login(party, sms_outbox, PARTY_TYPED, PARTY_MOBILE)
    party.goto("/partnerships/")
    rows = party.locator("main table tbody tr")
    assert rows.count() == 1
    check_phone(party, screenshot, "partnerships-30-employer-agreements", lang="fa")
    rows.first.get_by_role("link", name=agreement.title).click()
    party.wait_for_url(f"**{url}")
    assert party.get_by_role("heading", level=1).inner_text() == agreement.title
    assert party.get_by_role("button", name="ثبت عدد").count() == 0  # only the province admin reports
    assert party.get_by_role("button", name="ذخیره وضعیت").count() == 0
    check_phone(party, screenshot, "partnerships-31-employer-agreement", lang="fa")

    other = new_phone_page()
    sms_login(other, sms_outbox, OTHER_TYPED, OTHER_MOBILE)
    other.goto("/partnerships/")
    assert other.locator("main table tbody").inner_text().strip() == "تفاهم‌نامه‌ای برای نمایش نیست."
    check_phone(other, screenshot, "partnerships-32-other-employer-agreements", lang="fa")
    response = other.goto(url)
    assert response.status == 404
    assert agreement.title not in other.content()
    # the browser reports the 404 of the page itself; nothing else
    assert [e for e in other.console_errors if "404" not in e] == []
    assert other.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    screenshot(other, "partnerships-33-other-employer-404-phone-fa")
