"""Writes for labour squares: keyword-only ``<entity>_<action>`` functions, each validated in full before
anything is written, inside a transaction. Pages, the demo command and tests all call these."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakoo.accounts.models import OrganisationKind
from sakoo.core.forms import normalize_model_text
from sakoo.core.money import format_money
from sakoo.core.validators import normalize_mobile, normalize_national_id
from sakoo.squares import selectors
from sakoo.squares.models import Assignment, CheckIn, DayRequest, Labourer, Square, Trade


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


# --- squares ---------------------------------------------------------------------------------------

SQUARE_TEXT_FIELDS = ("name", "city", "address", "landmark")


def square_placement_errors(*, organisation, county) -> dict[str, list[str]]:
    """The managing organisation must be a municipality of the square's county (also checked by the
    square form of /admin/)."""
    if organisation.kind != OrganisationKind.MUNICIPALITY:
        return {"organisation": [_("Managing municipality: a labour square is managed by a municipality.")]}
    if organisation.county_id != county.pk:
        return {
            "organisation": [
                _("Managing municipality: %(name)s is not a municipality of %(county)s county.")
                % {"name": organisation.name, "county": county.name_fa}
            ]
        }
    return {}


def _square_errors(square: Square, *, placement: bool) -> dict[str, list[str]]:
    """Every rule a square breaks, by field (empty when it may be saved).

    ``placement``: check the name, county and managing municipality too (not when a coordinator edits
    only the practical details of a square placed by the province or the county)."""
    errors: dict[str, list[str]] = {}
    if placement:
        organisation = square.organisation
        errors.update(square_placement_errors(organisation=organisation, county=square.county))
        if not errors and (
            square.name
            and Square.objects.filter(organisation=organisation, name=square.name)
            .exclude(pk=square.pk)
            .exists()
        ):
            errors["name"] = [
                _("Name of the square: this municipality already runs a square with this name.")
            ]
    if square.opens_at and square.closes_at and square.closes_at <= square.opens_at:
        errors["closes_at"] = [_("Closes at: the square must close after it opens.")]
    try:
        # The two constraints are checked above with messages that name their field (the database still
        # enforces them, for two people saving at once); a field already refused is not checked twice.
        square.full_clean(exclude=list(errors), validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    return errors


def _square_save(square: Square, *, placement: bool) -> Square:
    """Normalise, validate in full, then save (nothing is written when a rule is broken)."""
    normalize_model_text(square, *SQUARE_TEXT_FIELDS)
    errors = _square_errors(square, placement=placement)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            square.save()
    except IntegrityError as exc:  # the same name saved by someone else a moment ago
        raise _error(
            "name", _("Name of the square: this municipality already runs a square with this name.")
        ) from exc
    return square


@transaction.atomic
def square_create(
    *,
    name: str,
    county,
    city: str,
    organisation,
    address: str,
    landmark: str = "",
    opens_at: dt.time,
    closes_at: dt.time,
    is_active: bool = True,
) -> Square:
    """A new labour square in ``county``, run by ``organisation`` (a municipality of that county)."""
    square = Square(
        name=name,
        county=county,
        city=city,
        organisation=organisation,
        address=address,
        landmark=landmark,
        opens_at=opens_at,
        closes_at=closes_at,
        is_active=is_active,
    )
    return _square_save(square, placement=True)


@transaction.atomic
def square_update(
    *,
    square: Square,
    name: str,
    county,
    city: str,
    organisation,
    address: str,
    landmark: str = "",
    opens_at: dt.time,
    closes_at: dt.time,
    is_active: bool,
) -> Square:
    """Edit all of a square, its place and managing municipality included (the province admin, or the
    county officer of its county). The municipality's coordinators then run its labourers."""
    square = Square.objects.select_for_update().get(pk=square.pk)
    square.name, square.county, square.city, square.organisation = name, county, city, organisation
    square.address, square.landmark = address, landmark
    square.opens_at, square.closes_at, square.is_active = opens_at, closes_at, is_active
    return _square_save(square, placement=True)


@transaction.atomic
def square_update_details(
    *,
    square: Square,
    address: str,
    landmark: str = "",
    opens_at: dt.time,
    closes_at: dt.time,
    is_active: bool,
) -> Square:
    """Edit a square's practical details (its coordinators): where exactly, when, and whether it is
    active. Its name, county, city and municipality stay as the province or the county set them."""
    square = Square.objects.select_for_update().get(pk=square.pk)
    square.address, square.landmark = address, landmark
    square.opens_at, square.closes_at, square.is_active = opens_at, closes_at, is_active
    return _square_save(square, placement=False)


# --- labourers -------------------------------------------------------------------------------------


def _clean_identity(mobile: str, national_id: str | None) -> tuple[str, str | None]:
    try:
        mobile = normalize_mobile(mobile)
    except ValidationError as exc:
        raise ValidationError({"mobile": exc.messages}) from exc
    if national_id:
        try:
            national_id = normalize_national_id(national_id)
        except ValidationError as exc:
            raise ValidationError({"national_id": exc.messages}) from exc
    return mobile, national_id or None


@transaction.atomic
def labourer_register(
    *,
    square: Square,
    full_name: str,
    mobile: str,
    national_id: str | None = None,
    trades: list[Trade],
    insurance: str,
    consent: bool,
    registered_on: dt.date | None = None,
    created_by=None,
) -> Labourer:
    """Register a day labourer at ``square`` (the coordinator does this, with the labourer's consent)."""
    if not consent:
        raise _error("consent", _("Register a labourer only after they agree: tick “Consent”."))
    if not trades:
        raise _error("trades", _("Choose at least one trade."))
    mobile, national_id = _clean_identity(mobile, national_id)
    labourer = Labourer(
        square=square,
        full_name=full_name,
        mobile=mobile,
        national_id=national_id,
        insurance=insurance,
        consent=consent,
        registered_on=registered_on or timezone.localdate(),
        created_by=created_by,
    )
    normalize_model_text(labourer, "full_name")
    labourer.full_clean()
    labourer.save()
    labourer.trades.set(trades)
    return labourer


@transaction.atomic
def labourer_update(
    *,
    labourer: Labourer,
    full_name: str,
    mobile: str,
    national_id: str | None,
    trades: list[Trade],
    insurance: str,
    is_active: bool = True,
) -> Labourer:
    if not trades:
        raise _error("trades", _("Choose at least one trade."))
    mobile, national_id = _clean_identity(mobile, national_id)
    labourer.full_name, labourer.mobile, labourer.national_id = full_name, mobile, national_id
    labourer.insurance, labourer.is_active = insurance, is_active
    normalize_model_text(labourer, "full_name")
    labourer.full_clean()
    labourer.save()
    labourer.trades.set(trades)
    return labourer


# --- check-ins -------------------------------------------------------------------------------------


@transaction.atomic
def check_in_set(
    *, labourer: Labourer, day: dt.date, present: bool, by=None, at: dt.datetime | None = None
) -> CheckIn | None:
    """Mark the labourer present (idempotent) or not present on ``day`` at their square.

    A labourer who already has work that day cannot be marked absent (cancel the assignment first)."""
    if day > timezone.localdate():
        raise _error("date", _("Presence can be recorded only for today or an earlier day."))
    existing = CheckIn.objects.filter(labourer=labourer, date=day).first()
    if present:
        if existing is not None:
            return existing
        if not labourer.is_active:
            raise _error("labourer", _("This labourer's registration is not active."))
        arrived = at or timezone.now()
        if timezone.localdate(arrived) != day:
            # Recording a past day: keep the day, at the square's opening time.
            arrived = timezone.make_aware(dt.datetime.combine(day, labourer.square.opens_at))
        return CheckIn.objects.create(
            square_id=labourer.square_id, labourer=labourer, date=day, arrived_at=arrived, recorded_by=by
        )
    if existing is None:
        return None
    if (
        Assignment.objects.filter(labourer=labourer, work_date=day)
        .exclude(outcome=Assignment.Outcome.CANCELLED)
        .exists()
    ):
        raise _error("labourer", _("This labourer has work today: cancel the assignment first."))
    existing.delete()
    return None


# --- day requests ----------------------------------------------------------------------------------


def check_daily_wage(*, daily_wage: int, work_date: dt.date) -> None:
    """Refuse a daily wage below the minimum in force on the work date (when one is set)."""
    minimum = selectors.minimum_daily_wage(work_date)
    if minimum is not None and daily_wage < minimum:
        raise _error(
            "daily_wage",
            _("Daily wage: %(wage)s is below the minimum daily wage of %(minimum)s.")
            % {"wage": format_money(daily_wage), "minimum": format_money(minimum)},
        )


@transaction.atomic
def day_request_create(
    *,
    square: Square,
    trade: Trade,
    workers: int,
    work_date: dt.date,
    place: str,
    daily_wage: int,
    hours: int,
    employer_user=None,
    employer_name: str = "",
    employer_mobile: str = "",
    created_by=None,
) -> DayRequest:
    """An employer's request for ``workers`` labourers of ``trade`` on ``work_date``.

    Made by a signed-in employer (``employer_user``) or by the coordinator for a walk-in employer
    (``employer_name`` and, optionally, ``employer_mobile``)."""
    if not square.is_active:
        raise _error("square", _("This labour square is not taking requests."))
    if work_date < timezone.localdate():
        raise _error("work_date", _("Work date: the day has passed; choose today or a later day."))
    if not trade.is_active:
        raise _error("trade", _("This trade is no longer offered."))
    check_daily_wage(daily_wage=daily_wage, work_date=work_date)
    if employer_user is not None and not employer_name:
        employer_name = employer_user.get_full_name() or _("Employer account")
    if employer_mobile:
        try:
            employer_mobile = normalize_mobile(employer_mobile)
        except ValidationError as exc:
            raise ValidationError({"employer_mobile": exc.messages}) from exc
    day_request = DayRequest(
        square=square,
        employer_user=employer_user,
        employer_name=employer_name,
        employer_mobile=employer_mobile,
        trade=trade,
        workers=workers,
        work_date=work_date,
        place=place,
        daily_wage=daily_wage,
        hours=hours,
        created_by=created_by,
    )
    normalize_model_text(day_request, "employer_name", "place")
    day_request.full_clean()
    day_request.save()
    return day_request


@transaction.atomic
def day_request_cancel(*, day_request: DayRequest) -> DayRequest:
    """Cancel a request and its pending assignments (the labourers become free for the day)."""
    if day_request.status == DayRequest.Status.CANCELLED:
        return day_request
    if selectors.outcomes_recorded(day_request):
        raise _error("status", _("Outcomes are already recorded for this request; it cannot be cancelled."))
    day_request.assignments.filter(outcome=Assignment.Outcome.PENDING).update(
        outcome=Assignment.Outcome.CANCELLED, outcome_recorded_at=timezone.now()
    )
    day_request.status = DayRequest.Status.CANCELLED
    day_request.save(update_fields=["status"])
    return day_request


def _refresh_status(day_request: DayRequest) -> None:
    if day_request.status == DayRequest.Status.CANCELLED:
        return
    full = selectors.assigned_count(day_request) >= day_request.workers
    status = DayRequest.Status.FILLED if full else DayRequest.Status.OPEN
    if status != day_request.status:
        day_request.status = status
        day_request.save(update_fields=["status"])


# --- assignments -----------------------------------------------------------------------------------


def assignment_create(*, day_request: DayRequest, labourer: Labourer, by=None) -> Assignment:
    """Send a present labourer to a request, recording why they came first (days of work in the last 30).

    Refused when the request is not open or already has its workers, when the labourer is not of the
    request's square or trade, not present on the work date, or already has work that day."""
    try:
        with transaction.atomic():
            return _assignment_create(day_request=day_request, labourer=labourer, by=by)
    except IntegrityError as exc:  # two coordinators at once: the one-a-day constraint decides
        raise _error("labourer", _("This labourer already has work on this day.")) from exc


def _assignment_create(*, day_request: DayRequest, labourer: Labourer, by=None) -> Assignment:
    day_request = DayRequest.objects.select_for_update().get(pk=day_request.pk)
    day = day_request.work_date
    if day_request.status == DayRequest.Status.CANCELLED:
        raise _error("request", _("This request is cancelled."))
    if selectors.assigned_count(day_request) >= day_request.workers:
        raise _error("request", _("This request already has all the workers it asked for."))
    if labourer.square_id != day_request.square_id or not labourer.is_active:
        raise _error("labourer", _("This labourer is not registered at this square."))
    if not labourer.trades.filter(pk=day_request.trade_id).exists():
        raise _error("labourer", _("This labourer does not work in the requested trade."))
    if not CheckIn.objects.filter(labourer=labourer, date=day).exists():
        raise _error("labourer", _("This labourer is not marked present on the work date."))
    if (
        Assignment.objects.filter(labourer=labourer, work_date=day)
        .exclude(outcome=Assignment.Outcome.CANCELLED)
        .exists()
    ):
        raise _error("labourer", _("This labourer already has work on this day."))
    before = selectors.days_worked([labourer.pk], day).get(labourer.pk, 0)
    assignment = Assignment(
        request=day_request, labourer=labourer, work_date=day, days_worked_before=before, assigned_by=by
    )
    assignment.full_clean(validate_constraints=False)  # the database enforces one-a-day under races
    assignment.save()
    _refresh_status(day_request)
    return assignment


@transaction.atomic
def assignment_record_outcome(
    *, assignment: Assignment, outcome: str, wage: str, note: str = ""
) -> Assignment:
    """Record what happened: worked / did not show up / cancelled, and whether the wage was paid."""
    if outcome not in Assignment.Outcome.values:
        raise _error("outcome", _("Choose what happened."))
    if wage not in Assignment.Wage.values:
        raise _error("wage", _("Choose whether the wage was paid."))
    if outcome in (Assignment.Outcome.WORKED, Assignment.Outcome.NO_SHOW) and (
        assignment.work_date > timezone.localdate()
    ):
        raise _error("outcome", _("Outcome: the work day has not come yet."))
    if outcome != Assignment.Outcome.WORKED and wage != Assignment.Wage.UNKNOWN:
        raise _error("wage", _("Wage: record payment only for a labourer who worked."))
    if assignment.outcome == Assignment.Outcome.CANCELLED:
        raise _error("outcome", _("This assignment is cancelled; assign the labourer again instead."))
    assignment.outcome, assignment.wage = outcome, wage
    assignment.note = note
    normalize_model_text(assignment, "note")
    assignment.outcome_recorded_at = timezone.now()
    assignment.full_clean(validate_constraints=False)
    assignment.save()
    _refresh_status(assignment.request)
    return assignment
