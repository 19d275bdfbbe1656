"""Reads for job seekers: status on a date, counts by status and month, access-checked fetches.

"Registered job seekers" are people in Sakoo's registry, not the unemployed (ILO); say so wherever a
count from here is shown.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from sakoo.seekers.models import JobSeeker, StatusChange


def get_seeker_for_user(user) -> JobSeeker:
    """The job-seeker profile of the signed-in user, else 404."""
    if not user.is_authenticated:
        raise Http404
    seeker = JobSeeker.objects.select_related("county", "user").filter(user=user).first()
    if seeker is None:
        raise Http404
    return seeker


def seeker_of_user(user) -> JobSeeker | None:
    if not user.is_authenticated:
        return None
    return JobSeeker.objects.select_related("county").filter(user=user).first()


def status_on_subquery(date: dt.date) -> Subquery:
    """The status of ``OuterRef('pk')`` (a JobSeeker) valid on ``date``."""
    return Subquery(
        StatusChange.objects.filter(seeker=OuterRef("pk"), valid_from__lte=date)
        .order_by("-valid_from", "-pk")
        .values("status")[:1]
    )


def seekers_with_status_on(date: dt.date) -> QuerySet[JobSeeker]:
    """Seekers registered on or before ``date``, annotated with ``status_on`` (their status that day)."""
    return JobSeeker.objects.filter(registered_on__lte=date).annotate(status_on=status_on_subquery(date))


def status_counts_on(date: dt.date, *, county_id: int | None = None) -> dict[str, int]:
    """{status: number of registered seekers with that status on ``date``} (one query)."""
    qs = seekers_with_status_on(date)
    if county_id:
        qs = qs.filter(county_id=county_id)
    return dict(Counter(qs.values_list("status_on", flat=True)))


def status_counts_at(
    dates: Iterable[dt.date], *, group_by: str | None = None, filters: Q | None = None
) -> dict[dt.date, dict[tuple, int]]:
    """For each date, counts of registered seekers by (status,) or (group value, status).

    ``group_by`` is a JobSeeker field name (e.g. ``"county_id"``, ``"sex"``, ``"is_graduate"``,
    ``"education_level"``). One pass over the history (two queries), so it is cheap for many dates:
    the monitoring and atlas apps use it for month ends.
    """
    dates = sorted(set(dates))
    result: dict[dt.date, dict[tuple, int]] = {d: defaultdict(int) for d in dates}
    if not dates:
        return {}
    seekers = JobSeeker.objects.filter(registered_on__lte=dates[-1])
    if filters is not None:
        seekers = seekers.filter(filters)
    fields = ["pk", "registered_on"] + ([group_by] if group_by else [])
    group_of = {}
    for row in seekers.values_list(*fields):
        group_of[row[0]] = row[2] if group_by else None
    history: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    changes = (
        StatusChange.objects.filter(valid_from__lte=dates[-1])
        .order_by("seeker_id", "valid_from", "pk")
        .values_list("seeker_id", "valid_from", "status")
    )
    for seeker_id, valid_from, status in changes.iterator(chunk_size=5000):
        if seeker_id in group_of:
            history[seeker_id].append((valid_from, status))
    for seeker_id, entries in history.items():
        group = group_of[seeker_id]
        i = 0
        current = None
        for d in dates:
            while i < len(entries) and entries[i][0] <= d:
                current = entries[i][1]
                i += 1
            if current is not None:
                key = (group, current) if group_by else (current,)
                result[d][key] += 1
    return {d: dict(v) for d, v in result.items()}


def status_history(seeker: JobSeeker) -> QuerySet[StatusChange]:
    return seeker.status_changes.select_related("placement", "created_by").order_by("-valid_from", "-pk")


def findable_seekers(
    *, occupation_id: int | None = None, county_id: int | None = None, education_level: str = "", q: str = ""
) -> QuerySet[JobSeeker]:
    """Candidate search for employers: consenting seekers who are looking for work."""
    qs = (
        JobSeeker.objects.findable()
        .exclude(employment_status__in=["not_looking", "employed"])
        .select_related("county")
        .prefetch_related("desired_occupations")
        .order_by("-registered_on", "pk")
    )
    if occupation_id:
        qs = qs.filter(desired_occupations__id=occupation_id)
    if county_id:
        qs = qs.filter(Q(county_id=county_id) | Q(preferred_counties__id=county_id))
    if education_level:
        qs = qs.filter(education_level=education_level)
    if q:
        from sakoo.core.text import normalize_text

        text = normalize_text(q)
        qs = qs.filter(Q(skills__icontains=text) | Q(field_of_study__icontains=text))
    return qs.distinct()


def profile_completeness(seeker: JobSeeker) -> tuple[int, list[str]]:
    """(percent, missing items) for the dashboard. Each item weighs the same."""
    from django.utils.translation import gettext as _

    checks = [
        (bool(seeker.city), _("city")),
        (bool(seeker.field_of_study) or not seeker.is_graduate, _("field of study")),
        (bool(seeker.skills), _("skills")),
        (seeker.desired_occupations.exists(), _("desired occupations")),
        (bool(seeker.preferred_contract_types), _("preferred contract types")),
        (seeker.expected_wage is not None, _("expected wage")),
        (seeker.experiences.exists(), _("work experience")),
        (bool(seeker.cv_pdf), _("CV (PDF)")),
    ]
    done = sum(1 for ok, _label in checks if ok)
    missing = [label for ok, label in checks if not ok]
    return round(100 * done / len(checks)), missing


#: How many matches the desired-occupation picker lists for a search.
OCCUPATION_PICKER_LIMIT = 20


def occupation_picker_options(query: str, *, chosen_ids: Iterable) -> tuple[list, list]:
    """The desired-occupation picker: (the chosen ISCO-08 unit groups in the given order, up to
    ``OCCUPATION_PICKER_LIMIT`` other unit groups matching ``query``). The query matches Persian and
    English titles and codes with Persian and Arabic letter variants and digits folded (``search_key``)."""
    from sakoo.classifications.models import Occupation
    from sakoo.classifications.selectors import search_occupations

    ids = []
    for value in chosen_ids:
        text = str(value).strip()
        if text.isascii() and text.isdigit() and int(text) not in ids:
            ids.append(int(text))
    by_id = Occupation.objects.filter(level=4).in_bulk(ids)
    chosen = [by_id[pk] for pk in ids if pk in by_id]
    matches: list = []
    wanted = OCCUPATION_PICKER_LIMIT + len(chosen)
    # Then the same words without their last letter, so a singular finds the plural title
    # (راننده → رانندگان, کارگر ساده → کارگران ساده).
    stems = " ".join(w[:-1] if len(w) >= 4 and not w.isdigit() else w for w in query.split())
    for text in dict.fromkeys([query, stems]):
        if text.strip() and len(matches) < wanted:
            seen = {o.pk for o in matches}
            matches += [o for o in search_occupations(text, limit=wanted) if o.pk not in seen]
    matches = [o for o in matches if o.pk not in by_id][:OCCUPATION_PICKER_LIMIT]
    return chosen, matches
