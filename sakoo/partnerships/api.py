"""/api/v1/partnerships/: the province's tripartite agreements in aggregate, and the public course list.

Nothing about individual people is returned. Counts of people found in Sakoo's records or reported by
hand are suppressed when from 1 to 9 (``sakoo.core.disclosure.suppress``, with the total withheld where it
would reveal one); commitments are published as they are (they are targets, not people).
"""

from __future__ import annotations

import re

from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from sakoo.core.disclosure import SUPPRESSION_THRESHOLD, suppress
from sakoo.core.text import normalize_digits
from sakoo.partnerships import selectors

router = Router(tags=["partnerships"])


def _achieved(platform: int, reported: int) -> dict:
    values = {"platform": platform, "reported": reported}
    result = suppress(values, {"achieved": ["platform", "reported"]})
    total = platform + reported
    hidden_total = "achieved" in result.margins or 0 < total < SUPPRESSION_THRESHOLD
    out = {key: (None if key in result.cells else value) for key, value in values.items()}
    out["achieved"] = None if hidden_total else total
    out["suppressed"] = sorted(result.cells) + (["achieved"] if hidden_total else [])
    return out


@router.get("/agreements", summary="Tripartite agreements: count by status, commitments against achieved")
def agreements(request):
    summary = selectors.province_agreement_summary()
    measures = {}
    for measure, row in summary["measures"].items():
        measures[measure] = {"committed": row["committed"]} | _achieved(row["platform"], row["reported"])
    return {
        "by_status": summary["by_status"],
        "agreements_counted": summary["agreements_counted"],
        "measures": measures,
        "definitions": {
            "agreements_counted": "agreements signed, active or ended (drafts and cancelled ones are not counted)",
            "committed": "the sum of the agreements' commitments",
            "platform": "internships and hires: distinct graduates of the agreement's university placed by a "
            "party company in the agreement's period (Sakoo's placements); training: enrolments in Sakoo's "
            "courses run under the agreement",
            "reported": "the latest figure reported by hand for each agreement (what Sakoo's records do not show)",
            "achieved": "platform + reported",
        },
        "suppression": f"counts of people from 1 to {SUPPRESSION_THRESHOLD - 1} are null, with a second "
        "figure where the total would reveal one",
    }


@router.get("/courses", summary="Skills-training courses running or starting soon (public)")
def courses(request, county: str = "", occupation: str = ""):
    county = normalize_digits(county).strip()
    occupation = normalize_digits(occupation).strip()
    if county and not re.fullmatch(r"[0-9]{2,6}", county):
        raise HttpError(422, "county: expected a county code such as 0301")
    if occupation and not re.fullmatch(r"[0-9]{1,4}", occupation):
        raise HttpError(422, "occupation: expected an ISCO-08 code or prefix of 1 to 4 digits, such as 7212")
    today = timezone.localdate()
    rows = selectors.public_courses(county_code=county, occupation=occupation, today=today)
    return {
        "count": len(rows),
        "courses": [
            {
                "id": course.pk,
                "title": course.title,
                "provider": course.provider.name,
                "provider_kind": course.provider.kind,
                "occupation": course.occupation.code,
                "occupation_fa": course.occupation.title_fa,
                "county": course.county.code,
                "county_fa": course.county.name_fa,
                "starts_on": course.starts_on.isoformat(),
                "ends_on": course.ends_on.isoformat(),
                "hours": course.hours,
                "seats": course.seats,
                "seats_left": max(course.seats - course.taken, 0),
                "open": selectors.is_open(course, course.taken, today=today),
            }
            for course in rows
        ],
    }
