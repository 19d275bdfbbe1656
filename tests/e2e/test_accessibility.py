"""Accessibility of the shared web shell and the public pages, checked in a real browser.

axe-core (a test-only npm dependency: `npm ci` installs node_modules/axe-core, never served to users) is
injected into each page at phone width (360 px) and desktop width, in Persian, and run with the WCAG 2.0
and 2.1 A/AA rules; any "serious" or "critical" violation fails the test. The same cases check the
landmarks, `lang`/`dir`, and that nothing scrolls sideways at 360 px. Separate tests check the skip link
and that keyboard focus is visible.

A page that does not exist yet (404: another app not finished) is skipped with its reason; the home,
login, search and atlas pages must exist.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings

from sakoo.geo.testing import load_reference_for_tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
TABRIZ = "0303"
# Each landmark of the shell exactly once: header (banner), its main navigation, main (#main), footer.
LANDMARKS_ONCE = {
    "banner": 1,
    "main navigation": 1,
    "main": 1,
    "contentinfo": 1,
    "#main": 1,
}  # SCI code of Tabriz in the shipped geography

# name, path (or a callable of the fixture data), selector to wait for (JavaScript enhancements), required
PAGES = [
    ("home", "/", "#county-map[data-loaded]", True),
    ("login", "/accounts/login/", None, True),
    ("staff-login", "/accounts/login/staff/", None, True),
    ("search", "/search/", None, True),
    ("search-query", "/search/?q=حسابدار", None, True),
    ("search-filtered", f"/search/?q=حسابدار&county={TABRIZ}&min_wage=۱۰۰۰۰۰۰۰&near=1", None, True),
    ("atlas", "/atlas/", '.atlas-leaflet[data-ready="1"]', True),
    ("county-sheet", f"/atlas/county/{TABRIZ}/", None, True),
    ("vacancy", "vacancy", None, False),
]


@pytest.fixture
def data(django_db_blocker, settings, tmp_path):
    """Real reference data, plus one public vacancy in Tabriz indexed for search (when those apps exist)."""
    with django_db_blocker.unblock():
        load_reference_for_tests()
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    found: dict[str, object] = {}
    try:
        from sakoo.geo.models import County
        from sakoo.vacancies.tests import factories as f

        emp = f.employer(county=County.objects.get(code=TABRIZ))
        found["vacancy"] = f.vacancy(emp=emp, title="حسابدار", description="تهیه صورت‌های مالی").pk
    except Exception as exc:  # another app still being written: only its page is skipped
        found["vacancy_error"] = f"{type(exc).__name__}: {exc}"
    try:
        from sakoo.search import selectors, services

        services.reset_engine()
        selectors.clear_reference_cache()
        services.rebuild_search_index()
    except Exception as exc:  # the search case then fails with this reason
        found["search_error"] = f"{type(exc).__name__}: {exc}"
    yield found
    try:
        from sakoo.search import selectors, services

        services.reset_engine()
        selectors.clear_reference_cache()
    except ImportError:
        pass


def _context(browser, live_server, viewport):
    # The strict CSP would block axe-core, which Playwright injects as an inline script: bypass it here only.
    return browser.new_context(viewport=viewport, locale="fa-IR", base_url=live_server.url, bypass_csp=True)


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def a11y_page(request, browser, live_server):
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci --no-audit --no-fund` (or `make install`)")
    context = _context(browser, live_server, request.param)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.viewport = request.param
    yield page
    context.close()


def run_axe(page) -> list[dict]:
    """The WCAG 2 A/AA violations axe-core finds on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                                    resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 160),
                                          summary: n.failureSummary}))
            }));
        }""",
        WCAG_TAGS,
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} [{v['impact']}]: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    at {node['target']}: {node['html']}")
            if node.get("summary"):
                lines.append("      " + node["summary"].replace("\n", "\n      "))
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def _open(page, path, wait_for, required):
    response = page.goto(path)
    status = response.status if response else 0
    if status == 404 and not required:
        pytest.skip(f"{path} answers 404: the page is not built yet")
    assert status == 200, f"{path} answered {status}"
    if wait_for:
        page.wait_for_selector(wait_for)
    page.wait_for_load_state("networkidle")


def _landmarks(page) -> dict:
    return {
        "banner": page.get_by_role("banner").count(),
        "main navigation": page.locator("header nav.main-nav").count(),
        "main": page.get_by_role("main").count(),
        "contentinfo": page.get_by_role("contentinfo").count(),
        "#main": page.locator("#main").count(),
    }


@pytest.mark.parametrize("name,path,wait_for,required", PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_serious_accessibility_violations(a11y_page, data, name, path, wait_for, required):
    page = a11y_page
    if path == "vacancy":
        if "vacancy" not in data:
            pytest.skip(f"no public vacancy could be made: {data.get('vacancy_error')}")
        path = f"/jobs/{data['vacancy']}/"
    if name == "search-query" and "search_error" in data:
        pytest.fail(f"the search index could not be built: {data['search_error']}")
    _open(page, path, wait_for, required)

    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("fa", "rtl")
    assert _landmarks(page) == LANDMARKS_ONCE
    if page.viewport == PHONE:
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= 360, f"{path} scrolls sideways at 360 px: scrollWidth {widths[0]}"

    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert violations == [], f"{path} at {page.viewport['width']} px:\n{describe(violations)}"


def test_search_query_page_shows_the_vacancy(a11y_page, data):
    """The search case above is only meaningful when the query has a result to check."""
    if "vacancy" not in data or "search_error" in data:
        pytest.skip(f"no indexed vacancy: {data.get('vacancy_error') or data.get('search_error')}")
    a11y_page.goto("/search/?q=حسابدار")
    assert a11y_page.get_by_test_id("result").count() == 1


def _focus_style(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement, s = getComputedStyle(el);
                   const r = el.getBoundingClientRect();
                   return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow,
                           top: r.top, bottom: r.bottom, height: r.height, id: el.id, cls: el.className}; }"""
    )


def test_skip_link_is_first_visible_on_focus_and_moves_to_main(phone_page, data):
    page = phone_page
    page.goto("/")
    skip = page.locator("a.skip-link")
    assert skip.get_attribute("href") == "#main"
    assert skip.inner_text() == "پرش به محتوای اصلی"
    box = skip.bounding_box()
    assert box is None or box["y"] + box["height"] <= 0, "the skip link shows before it has focus"

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')") is True
    style = _focus_style(page)
    assert style["top"] >= 0 and style["height"] > 0, "the focused skip link is off screen"
    assert style["outline"] != "none" and style["width"] >= 2

    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    assert page.url.endswith("#main")


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/atlas/"])
def test_keyboard_focus_is_visible_on_every_stop(desktop_page, data, path):
    """Tab through the first stops of the page: every focused element shows a 3 px focus outline."""
    page = desktop_page
    page.goto(path)
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        style = _focus_style(page)
        seen.append(style)
        assert style["outline"] != "none" and style["width"] >= 2, f"no visible focus on {json.dumps(style)}"
    assert len(seen) >= 4


@pytest.mark.parametrize("role", ["job_seeker", "employer", "province_admin"])
def test_signed_in_shell_by_role_at_phone_width(browser, live_server, data, role):
    """The navigation grows with the role; at 360 px the shell still fits and stays accessible."""
    from django.test import Client

    from sakoo.accounts.models import User

    user = User.objects.create(username=f"a11y-{role}", role=role, phone="09120000001")
    client = Client()
    client.force_login(user)
    context = _context(browser, live_server, PHONE)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        _open(page, "/", "#county-map[data-loaded]", True)
        assert page.get_by_role("button", name="خروج").is_visible()
        links = page.locator("header nav.main-nav a")
        assert links.count() >= 4, links.all_inner_texts()
        assert _landmarks(page) == LANDMARKS_ONCE
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the signed-in ({role}) shell scrolls sideways at 360 px: scrollWidth {width}"
        # Every navigation link can be reached by keyboard and, once focused, lies fully inside the viewport.
        links.first.focus()
        for i in range(links.count()):
            if i:
                page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.closest('.main-nav') !== null"), i
            assert links.nth(i).evaluate("el => el === document.activeElement")
            box = links.nth(i).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, (links.nth(i).inner_text(), box)
        violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
        assert violations == [], f"/ signed in as {role} at 360 px:\n{describe(violations)}"
    finally:
        context.close()


def test_english_shell_is_ltr_and_accessible(a11y_page, data):
    page = a11y_page
    _open(page, "/", "#county-map[data-loaded]", True)
    page.get_by_test_id("lang-en").click()
    page.wait_for_load_state()
    page.wait_for_selector("#county-map[data-loaded]")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("en", "ltr")
    assert page.locator("a.skip-link").inner_text() == "Skip to main content"
    if page.viewport == PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert violations == [], f"/ in English at {page.viewport['width']} px:\n{describe(violations)}"


# Labour-square pages: the coordinator's today board and request page, and the figures (signed in).
SQUARES_PAGES = ["board", "request", "figures", "square-figures", "square-edit", "square-new"]


@pytest.mark.parametrize("name", SQUARES_PAGES)
def test_labour_square_page_has_no_serious_accessibility_violations(a11y_page, live_server, name):
    import importlib

    from django.apps import apps
    from django.test import Client
    from django.utils import timezone

    from sakoo.accounts.models import Role
    from sakoo.accounts.testing import MembershipFactory, UserFactory
    from sakoo.squares.testing import CheckInFactory, DayRequestFactory, LabourerFactory, SquareFactory

    # the trades of the data migration (transactional tests empty the tables after each test)
    importlib.import_module("sakoo.squares.migrations.0002_default_trades").add_trades(apps, None)
    square = SquareFactory()
    coordinator = UserFactory(role=Role.LABOUR_SQUARE_COORDINATOR)
    MembershipFactory(user=coordinator, organisation=square.organisation)
    for _ in range(3):
        CheckInFactory(labourer=LabourerFactory(square=square))
    LabourerFactory(square=square)
    request = DayRequestFactory(square=square, work_date=timezone.localdate())
    admin = UserFactory(role=Role.PROVINCE_ADMIN)
    path, user = {
        "board": (f"/squares/{square.pk}/today/", coordinator),
        "request": (f"/squares/requests/{request.pk}/", coordinator),
        "figures": ("/squares/", coordinator),
        "square-figures": (f"/squares/{square.pk}/", coordinator),
        "square-edit": (f"/squares/{square.pk}/edit/", coordinator),  # its practical details
        "square-new": ("/squares/new/", admin),  # all of a square
    }[name]
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    a11y_page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = a11y_page
    _open(page, path, None, True)

    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("fa", "rtl")
    assert _landmarks(page) == LANDMARKS_ONCE
    if page.viewport == PHONE:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways at 360 px: scrollWidth {width}"
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert violations == [], f"{path} at {page.viewport['width']} px:\n{describe(violations)}"


# Employment cooperatives: the package, the cooperative's pages (its user) and the review pages (the
# county officer, with the decision forms), signed in.
COOPERATIVES_PAGES = [
    "package",
    "register",
    "cooperative",
    "apply",
    "members",
    "application",
    "applications",
    "figures",
]


@pytest.mark.parametrize("name", COOPERATIVES_PAGES)
def test_cooperatives_page_has_no_serious_accessibility_violations(a11y_page, live_server, name):
    from django.test import Client

    from sakoo.accounts.models import OrganisationKind, Role
    from sakoo.accounts.testing import MembershipFactory, OrganisationFactory, UserFactory
    from sakoo.cooperatives.testing import (
        ApplicationFactory,
        CooperativeEmployerFactory,
        CooperativeFactory,
        JobsReportFactory,
        member_of,
    )

    cooperative = CooperativeFactory()
    JobsReportFactory(cooperative=cooperative)
    application = ApplicationFactory(cooperative=cooperative)
    member = member_of(cooperative)
    # a second company of the same user, flagged as a cooperative, without a profile yet
    other = CooperativeEmployerFactory(county=cooperative.county)
    MembershipFactory(user=member, organisation=other.organisation)
    officer = UserFactory(role=Role.COUNTY_OFFICER)
    county_org = OrganisationFactory(kind=OrganisationKind.COUNTY, county=cooperative.county)
    MembershipFactory(user=officer, organisation=county_org)
    path, user = {
        "package": ("/cooperatives/package/", member),
        "register": ("/cooperatives/register/", member),
        "cooperative": (f"/cooperatives/{cooperative.pk}/", member),
        "apply": (f"/cooperatives/{cooperative.pk}/apply/", member),
        "members": (f"/cooperatives/{cooperative.pk}/members/", member),
        "application": (f"/cooperatives/applications/{application.pk}/", officer),
        "applications": ("/cooperatives/applications/", officer),
        "figures": ("/cooperatives/figures/", officer),
    }[name]
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    a11y_page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = a11y_page
    _open(page, path, None, True)

    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("fa", "rtl")
    assert _landmarks(page) == LANDMARKS_ONCE
    if page.viewport == PHONE:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways at 360 px: scrollWidth {width}"
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert violations == [], f"{path} at {page.viewport['width']} px:\n{describe(violations)}"


# Partnerships and skills-training pages, each with the user who uses it signed in: the job seeker (the
# course list, a course, their courses, the published figures), the provider's staff (figures, trainees,
# a new course) and the province admin (agreements, an agreement, a progress report).
PARTNERSHIPS_PAGES = [
    "courses",
    "course",
    "my-courses",
    "results",
    "outcomes",
    "course-figures",
    "roster",
    "course-new",
    "agreements",
    "agreement",
    "report",
    "agreement-edit",
]


@pytest.mark.parametrize("name", PARTNERSHIPS_PAGES)
def test_partnerships_page_has_no_serious_accessibility_violations(a11y_page, live_server, name):
    import datetime as dt

    from django.test import Client
    from django.utils import timezone

    from sakoo.accounts.models import Role
    from sakoo.accounts.testing import MembershipFactory, UserFactory
    from sakoo.partnerships.testing import (
        AgreementFactory,
        CourseFactory,
        EnrolmentFactory,
        TrainingProviderFactory,
    )
    from sakoo.vacancies.tests import factories as f

    today = timezone.localdate()
    provider = TrainingProviderFactory()
    officer = UserFactory(role=Role.AGENCY_OFFICER)
    MembershipFactory(user=officer, organisation=provider.organisation)
    admin = UserFactory(role=Role.PROVINCE_ADMIN)
    seeker = f.seeker(county=f.county())
    agreement = AgreementFactory(employers=[f.employer()])
    course = CourseFactory(provider=provider, county=seeker.county, agreement=agreement)
    past = CourseFactory(
        provider=provider,
        county=seeker.county,
        starts_on=today - dt.timedelta(days=40),
        ends_on=today - dt.timedelta(days=10),
    )
    EnrolmentFactory(course=course, seeker=seeker)
    for _ in range(2):
        EnrolmentFactory(course=past, seeker=f.seeker(county=seeker.county))
    user, path = {
        "courses": (seeker.user, f"/partnerships/training/?county={seeker.county.code}"),
        "course": (seeker.user, f"/partnerships/training/{course.pk}/"),
        "my-courses": (seeker.user, "/partnerships/training/mine/"),
        "results": (seeker.user, "/partnerships/training/results/"),
        "outcomes": (officer, "/partnerships/training/outcomes/"),
        "course-figures": (officer, f"/partnerships/training/{past.pk}/figures/"),
        "roster": (officer, f"/partnerships/training/{past.pk}/roster/"),
        "course-new": (officer, "/partnerships/training/new/"),
        "agreements": (admin, "/partnerships/"),
        "agreement": (admin, f"/partnerships/agreements/{agreement.pk}/"),
        "report": (admin, f"/partnerships/agreements/{agreement.pk}/report/"),
        "agreement-edit": (admin, f"/partnerships/agreements/{agreement.pk}/edit/"),
    }[name]
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    a11y_page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = a11y_page
    _open(page, path, None, True)

    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("fa", "rtl")
    assert _landmarks(page) == LANDMARKS_ONCE
    assert page.get_by_role("button", name="خروج").is_visible()
    if page.viewport == PHONE:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways at 360 px: scrollWidth {width}"
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert violations == [], f"{path} at {page.viewport['width']} px:\n{describe(violations)}"
