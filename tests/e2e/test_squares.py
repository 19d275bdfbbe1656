"""Labour squares in the browser, at phone width (360 px), in Persian, through the real pages.

The square's coordinator logs in on the staff login page, opens today's board and marks labourers
present (htmx swaps the row and the counts; a second test does the same with JavaScript off). An employer
logs in with an SMS code and asks for two workers for tomorrow with a daily wage in Persian digits; a
wage under the minimum is refused with a Persian error naming the field, keeping what was typed. The
coordinator records a walk-in employer's request for today, sees the present labourers in the fair order
with the reason for each turn, assigns two (a second tab trying to assign one of them again is refused)
and records what happened. The county officer sees the county's figures and never a labourer's name or
number. Every page fits 360 px and logs no console error.
"""

import datetime as dt
import importlib
import re

import pytest
from django.apps import apps
from django.utils import timezone

from sakoo.accounts import sms
from sakoo.accounts.models import OrganisationKind, Role
from sakoo.accounts.testing import MembershipFactory, OrganisationFactory, UserFactory
from sakoo.core.jalali import format_jalali, jalali_month_of
from sakoo.core.text import to_persian_digits
from sakoo.squares.models import Assignment, CheckIn, DayRequest
from sakoo.squares.testing import (
    CheckInFactory,
    DayRequestFactory,
    LabourerFactory,
    SquareFactory,
    set_minimum_wage,
    trade,
)

from .helpers import check_phone, flash_message, form_field, sms_login, staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
EMPLOYER_MOBILE = "09141234567"
EMPLOYER_PHONE_TYPED = "۰۹۱۴ ۱۲۳ ۴۵۶۷"
# Labourers of the square (trade "کارگر ساده" unless said): checked in in this order, except the absent one.
ALI, HASAN, REZA = "علی رضایی", "حسن کریمی", "رضا محمدی"
MAHDI_MASON = "مهدی بنایی"  # present, but a mason
JAVAD_ABSENT = "جواد احمدی"  # does not come today
NAMES = (ALI, HASAN, REZA, MAHDI_MASON, JAVAD_ABSENT)


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "sakoo.accounts.sms.LocmemSMSBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def world():
    """A square in one county with its coordinator and five labourers (Ali worked twice this month), a
    square in another county, the county officer of the first county, an employer with a mobile number,
    and a minimum daily wage of 350,000 tomans."""
    # Transactional tests empty the tables after each test: put back the trades of the data migration.
    importlib.import_module("sakoo.squares.migrations.0002_default_trades").add_trades(apps, None)
    today = timezone.localdate()
    square = SquareFactory(name="میدان کارگری بازار")
    other = SquareFactory(name="میدان کارگری شهرستان دیگر")
    coordinator = UserFactory(username="square-coordinator", role=Role.LABOUR_SQUARE_COORDINATOR)
    MembershipFactory(user=coordinator, organisation=square.organisation)
    officer = UserFactory(username="county-officer", role=Role.COUNTY_OFFICER)
    county_org = OrganisationFactory(kind=OrganisationKind.COUNTY, county=square.county)
    MembershipFactory(user=officer, organisation=county_org)
    employer = UserFactory(role=Role.EMPLOYER, phone=EMPLOYER_MOBILE)
    labourers = {}
    for i, name in enumerate(NAMES):
        trades = [trade("mason")] if name == MAHDI_MASON else [trade("labourer")]
        labourers[name] = LabourerFactory(
            square=square,
            full_name=name,
            mobile=f"0915555{i:04d}",
            registered_on=today - dt.timedelta(days=200 - i),  # Ali registered first
            trades=trades,
        )
    LabourerFactory(square=other, full_name="کارگر میدان دیگر")
    # Ali had two days of work in the last 30 days: he comes after those who had none.
    for days_ago in (4, 9):
        day = today - dt.timedelta(days=days_ago)
        past = DayRequestFactory(square=square, work_date=day, workers=1, status=DayRequest.Status.FILLED)
        CheckInFactory(labourer=labourers[ALI], date=day)
        Assignment.objects.create(
            request=past,
            labourer=labourers[ALI],
            work_date=day,
            days_worked_before=0,
            outcome=Assignment.Outcome.WORKED,
            wage=Assignment.Wage.PAID,
        )
    set_minimum_wage(3_500_000)  # rials: 350,000 tomans
    return {
        "square": square,
        "other": other,
        "coordinator": coordinator,
        "officer": officer,
        "employer": employer,
        "labourers": labourers,
        "today": today,
    }


# --- helpers ---------------------------------------------------------------------------------------------


def _fa(value) -> str:
    return to_persian_digits(str(value))


def _jalali_short(day: dt.date) -> str:
    return to_persian_digits(format_jalali(day, "short", lang="en"))


def _mark(name: str) -> re.Pattern:
    """The board's button for an absent labourer ("ثبت حضور", and the name for screen readers)."""
    return re.compile(rf"^ثبت حضور\s*:\s*{name}$")


def _undo(name: str) -> re.Pattern:
    return re.compile(rf"^حاضر\s*:\s*{name}،")


def _assign(name: str) -> re.Pattern:
    return re.compile(rf"^اعزام\s+{name}$")


def _row(page, labourer):
    return page.locator(f"#labourer-{labourer.pk}")


def _present(page) -> str:
    return page.get_by_test_id("present-count").inner_text().strip()


def _open_board(page, square):
    page.goto("/squares/")
    page.get_by_role("link", name="تابلوی امروز").click()
    page.wait_for_url(f"**/squares/{square.pk}/today/")
    assert page.get_by_role("heading", level=1).inner_text().startswith(square.name)


def _candidate_names(page) -> list[str]:
    return [t.strip() for t in page.locator("ol.candidates li strong").all_inner_texts()]


# --- the journey -----------------------------------------------------------------------------------------


def test_board_request_fair_order_assignment_and_county_figures(
    world, sms_outbox, new_phone_page, screenshot
):
    square, labourers, today = world["square"], world["labourers"], world["today"]
    coord = new_phone_page()

    # 1. the coordinator logs in and marks three labourers and the mason present, with htmx
    staff_login(coord, "square-coordinator")
    _open_board(coord, square)
    assert coord.locator("html").get_attribute("lang") == "fa"
    assert coord.locator("html").get_attribute("dir") == "rtl"
    assert _present(coord) == "۰"
    coord.evaluate("window.sakooNoReload = true")  # lost if the page reloads
    for n, name in enumerate((ALI, HASAN, REZA, MAHDI_MASON), start=1):
        row = _row(coord, labourers[name])
        row.get_by_role("button", name=_mark(name)).click()
        row.get_by_role("button", name=_undo(name)).wait_for()
        assert row.get_by_role("button", name=re.compile("^حاضر")).get_attribute("aria-pressed") == "true"
        coord.wait_for_function(
            "n => document.querySelector('[data-testid=present-count]').textContent.trim() === n", arg=_fa(n)
        )
    assert coord.evaluate("window.sakooNoReload") is True, "the check-in reloaded the page instead of htmx"
    assert CheckIn.objects.filter(date=today).count() == 4
    # a mistaken tap is undone
    _row(coord, labourers[JAVAD_ABSENT]).get_by_role("button", name=_mark(JAVAD_ABSENT)).click()
    coord.wait_for_function(
        "() => document.querySelector('[data-testid=present-count]').textContent.trim() === '۵'"
    )
    _row(coord, labourers[JAVAD_ABSENT]).get_by_role("button", name=_undo(JAVAD_ABSENT)).click()
    coord.wait_for_function(
        "() => document.querySelector('[data-testid=present-count]').textContent.trim() === '۴'"
    )
    assert not CheckIn.objects.filter(labourer=labourers[JAVAD_ABSENT]).exists()
    check_phone(coord, screenshot, "squares-01-board-checked-in")

    # 2. an employer logs in with an SMS code and asks for two workers for tomorrow
    emp = new_phone_page()
    sms_login(emp, sms_outbox, EMPLOYER_PHONE_TYPED, EMPLOYER_MOBILE)
    emp.goto("/squares/")
    emp.wait_for_url("**/squares/requests/")
    check_phone(emp, screenshot, "squares-02-my-requests")
    emp.get_by_role("link", name="درخواست کارگر روزمزد").click()
    emp.wait_for_url("**/squares/requests/new/")
    tomorrow = today + dt.timedelta(days=1)
    form = emp.locator("form.stack")
    form_field(form, "میدان کارگری").select_option(label=square.name)
    form_field(form, "حرفه").select_option(label="کارگر ساده")
    form_field(form, "تعداد کارگر").fill("۲")
    form_field(form, "تاریخ کار").fill(_jalali_short(tomorrow))
    form_field(form, "محل کار").fill("کوی ولیعصر، کوچه ۱۲")
    form_field(form, "دستمزد روزانه").fill("۳۰۰٬۰۰۰")
    check_phone(emp, screenshot, "squares-03-request-form")
    form.get_by_role("button", name="ارسال درخواست").click()
    emp.wait_for_load_state()
    expected = "دستمزد روزانه: ۳۰۰٬۰۰۰ تومان کمتر از حداقل دستمزد روزانه (۳۵۰٬۰۰۰ تومان) است."
    summary = emp.locator("#form-errors")
    assert summary.get_attribute("role") == "alert"
    assert expected in summary.inner_text()
    assert expected in form.inner_text()  # next to the field too
    assert form_field(form, "دستمزد روزانه").input_value() == "۳۰۰٬۰۰۰"
    assert form_field(form, "محل کار").input_value() == "کوی ولیعصر، کوچه ۱۲"
    assert form_field(form, "تعداد کارگر").input_value() == "۲"
    assert form_field(form, "تاریخ کار").input_value() == _jalali_short(tomorrow)
    assert DayRequest.objects.filter(employer_user=world["employer"]).count() == 0
    check_phone(emp, screenshot, "squares-04-request-wage-error")
    form_field(form, "دستمزد روزانه").fill("۴۵۰٬۰۰۰")
    form.get_by_role("button", name="ارسال درخواست").click()
    emp.wait_for_url(re.compile(r"/squares/requests/\d+/$"))
    assert flash_message(emp) == "درخواست شما ثبت شد. مسئول میدان کارگران را می‌فرستد."
    employer_request = DayRequest.objects.get(employer_user=world["employer"])
    assert (
        employer_request.square,
        employer_request.trade.code,
        employer_request.workers,
        employer_request.work_date,
        employer_request.daily_wage,
    ) == (square, "labourer", 2, tomorrow, 4_500_000)
    assert "۰ از ۲" in emp.locator("dl.facts").inner_text()
    check_phone(emp, screenshot, "squares-05-request-sent")

    # 3a. the coordinator opens the employer's request: nobody can be sent before the work date
    coord.goto(f"/squares/requests/{employer_request.pk}/")
    assert "روز کار هنوز نرسیده است" in coord.locator("main").inner_text()
    assert _candidate_names(coord) == []
    check_phone(coord, screenshot, "squares-06-request-tomorrow")

    # 3b. a walk-in employer asks for two workers today; the coordinator records it from the board
    _open_board(coord, square)
    coord.get_by_role("link", name="درخواست کارفرمای حاضر در میدان").click()
    form = coord.locator("form.stack")
    form_field(form, "نام کارفرما").fill("آقای پیمانکار")
    form_field(form, "حرفه").select_option(label="کارگر ساده")
    form_field(form, "تعداد کارگر").fill("۲")
    form_field(form, "تاریخ کار").fill(_jalali_short(today))
    form_field(form, "محل کار").fill("شهرک باغمیشه")
    form_field(form, "دستمزد روزانه").fill("۴۰۰٬۰۰۰")
    check_phone(coord, screenshot, "squares-07-walk-in-form")
    form.get_by_role("button", name="ارسال درخواست").click()
    coord.wait_for_url(re.compile(r"/squares/requests/\d+/$"))
    walk_in = DayRequest.objects.get(work_date=today, employer_name="آقای پیمانکار")

    # the fair order: no days of work first, by arrival; Ali (two days) last; the mason is not offered
    assert _candidate_names(coord) == [HASAN, REZA, ALI]
    reasons = coord.locator("ol.candidates li .muted").all_inner_texts()
    assert reasons[0].startswith("چرا در این نوبت: ۰ روز کار در ۳۰ روز گذشته؛ رسیده در ساعت ")
    assert re.search("رسیده در ساعت [۰-۹]{2}:[۰-۹]{2}$", reasons[0].strip())
    assert reasons[2].startswith("چرا در این نوبت: ۲ روز کار در ۳۰ روز گذشته؛")
    check_phone(coord, screenshot, "squares-08-fair-order")

    # a second tab (a second coordinator) has the same page open
    stale = coord.context.new_page()
    stale.set_default_timeout(15000)
    stale_errors: list[str] = []
    stale.on("console", lambda msg: stale_errors.append(msg.text) if msg.type == "error" else None)
    stale.goto(f"/squares/requests/{walk_in.pk}/")
    assert _candidate_names(stale) == [HASAN, REZA, ALI]

    coord.get_by_role("button", name=_assign(HASAN)).click()
    coord.wait_for_load_state()
    assert flash_message(coord) == f"{HASAN} اعزام شد. محل و ساعت کار را تلفنی به او بگویید."
    assert _candidate_names(coord) == [REZA, ALI]

    stale.get_by_role("button", name=_assign(HASAN)).click()  # already assigned in the other tab
    stale.wait_for_load_state()
    assert flash_message(stale) == "این کارگر در این روز کار دیگری دارد."
    assert stale.locator(".messages .message-error").count() == 1
    assert Assignment.objects.filter(labourer=labourers[HASAN], work_date=today).count() == 1
    assert stale.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(stale, "squares-09-assign-refused-phone-fa")
    assert stale_errors == []
    stale.close()

    coord.reload()
    coord.get_by_role("button", name=_assign(REZA)).click()
    coord.wait_for_load_state()
    assert flash_message(coord) == f"{REZA} اعزام شد. محل و ساعت کار را تلفنی به او بگویید."
    walk_in.refresh_from_db()
    assert walk_in.status == DayRequest.Status.FILLED
    assert coord.locator("ol.candidates").count() == 0  # filled: no more candidates offered
    assigned = coord.locator("ul.assignment-list > li")
    assert assigned.count() == 2
    assert "۰ روز کار در ۳۰ روز پیش از آن" in assigned.first.inner_text()  # the count it was made with
    check_phone(coord, screenshot, "squares-10-assigned")

    # outcomes: Hasan worked and was paid; Reza did not show up
    hasan = Assignment.objects.get(labourer=labourers[HASAN], work_date=today)
    reza = Assignment.objects.get(labourer=labourers[REZA], work_date=today)
    card = coord.locator(f"#assignment-{hasan.pk}")
    card.locator("select[name$=outcome]").select_option(label="کار کرد")
    card.locator("select[name$=wage]").select_option(label="کامل پرداخت شد")
    card.get_by_role("button", name="ثبت").click()
    coord.wait_for_load_state()
    assert flash_message(coord) == "نتیجه ثبت شد."
    card = coord.locator(f"#assignment-{reza.pk}")
    card.locator("select[name$=outcome]").select_option(label="نیامد")
    card.get_by_role("button", name="ثبت").click()
    coord.wait_for_load_state()
    assert flash_message(coord) == "نتیجه ثبت شد."
    hasan.refresh_from_db()
    reza.refresh_from_db()
    assert (hasan.outcome, hasan.wage) == (Assignment.Outcome.WORKED, Assignment.Wage.PAID)
    assert (reza.outcome, reza.wage) == (Assignment.Outcome.NO_SHOW, Assignment.Wage.UNKNOWN)
    check_phone(coord, screenshot, "squares-11-outcomes")

    _open_board(coord, square)
    assert coord.get_by_test_id("hired-count").inner_text().strip() == "۲"
    assert _row(coord, labourers[HASAN]).get_by_text("سر کار").count() == 1

    # the employer sees how many were assigned to their request, never who
    emp.goto(f"/squares/requests/{employer_request.pk}/")
    content = emp.content()
    for name in NAMES:
        assert name not in content

    # 4. the county officer sees the county's figures, never a labourer's name or number
    officer = new_phone_page()
    staff_login(officer, "county-officer")
    officer.goto("/squares/")
    main = officer.locator("main")
    table_rows = main.locator("table tbody tr")
    assert table_rows.count() == 1
    row_text = table_rows.first.inner_text()
    assert square.name in row_text
    assert world["other"].name not in main.inner_text()
    # the month so far: today's four present and two hired, and Ali's past days of work if in this month
    month = jalali_month_of(today)
    past = sum(1 for n in (4, 9) if jalali_month_of(today - dt.timedelta(days=n)) == month)
    cells = [c.strip() for c in table_rows.first.locator("td").all_inner_texts()]
    # county, registered, present (labourer-days), labourers present, hired, unmet demand, unpaid
    assert cells[1:] == [_fa(5), _fa(4 + past), _fa(4), _fa(2 + past), _fa(0), _fa(0)]
    _assert_no_people(officer, labourers)
    check_phone(officer, screenshot, "squares-12-county-figures")
    officer.get_by_role("link", name=square.name).click()
    officer.wait_for_url(f"**/squares/{square.pk}/")
    today_row = officer.locator("table tbody tr", has=officer.locator("th", has_text=_jalali_long(today)))
    assert today_row.count() == 1
    today_cells = [c.strip() for c in today_row.locator("td").all_inner_texts()]
    # registered, present, asked for, hired, unmet, worked, no-shows, unpaid (tomorrow's request not today)
    assert today_cells == ["۵", "۴", "۲", "۲", "۰", "۱", "۱", "۰"]
    _assert_no_people(officer, labourers)
    check_phone(officer, screenshot, "squares-13-county-square-days")
    for path in (f"/squares/{square.pk}/today/", f"/squares/requests/{walk_in.pk}/"):
        assert officer.request.get(path).status in (403, 404), path


def _jalali_long(day: dt.date) -> str:
    return format_jalali(day, "long", lang="fa")


def _assert_no_people(page, labourers):
    content = page.content()
    for labourer in labourers.values():
        assert labourer.full_name not in content
        assert labourer.mobile not in content
        assert _fa(labourer.mobile) not in content
        assert labourer.national_id not in content
    assert "tel:" not in content


# --- without JavaScript --------------------------------------------------------------------------------


def test_board_check_in_works_without_javascript(browser, live_server, world, screenshot):
    square, labourers = world["square"], world["labourers"]
    context = browser.new_context(
        viewport=PHONE, locale="fa-IR", base_url=live_server.url, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.set_default_timeout(15000)
        page.console_errors = []
        page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
        staff_login(page, "square-coordinator")
        _open_board(page, square)
        assert _present(page) == "۰"
        for n, name in enumerate((REZA, ALI), start=1):
            _row(page, labourers[name]).get_by_role("button", name=_mark(name)).click()
            page.wait_for_url(re.compile(rf"/squares/{square.pk}/today/#labourer-{labourers[name].pk}$"))
            assert _present(page) == _fa(n)
            button = _row(page, labourers[name]).get_by_role("button", name=_undo(name))
            assert button.get_attribute("aria-pressed") == "true"
        # present labourers come first on the board, by name
        names = [t.strip() for t in page.locator(".board-name > a").all_inner_texts()]
        assert names[:2] == sorted([REZA, ALI])
        check_phone(page, screenshot, "squares-14-board-no-js")
        # undo
        _row(page, labourers[ALI]).get_by_role("button", name=_undo(ALI)).click()
        page.wait_for_load_state()
        assert _present(page) == "۱"
        assert set(
            CheckIn.objects.filter(date=world["today"]).values_list("labourer__full_name", flat=True)
        ) == {REZA}
    finally:
        context.close()
