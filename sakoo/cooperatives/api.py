"""/api/v1/cooperatives/: public aggregates of the employment cooperatives and their support package.

Nothing about an individual cooperative is returned. Small cells are suppressed with the atlas's rule
(``sakoo.core.disclosure.suppress``): each count from 1 to 9 is ``null`` with its name in ``suppressed``,
and a second cell is withheld where the total would reveal the first. Members, jobs and amounts are
withheld wherever the count of cooperatives or applications they add up is withheld, since a county
with two cooperatives would otherwise show what each has or received.
"""

from __future__ import annotations

from django.utils import timezone
from ninja import Router

from sakoo.cooperatives import selectors
from sakoo.cooperatives.models import Sector
from sakoo.core.disclosure import SUPPRESSION_THRESHOLD, suppress

router = Router(tags=["cooperatives"])

#: Published figures, in the order of the response, each with the count of contributors behind it: a
#: figure is withheld wherever that count is (members and jobs with the cooperatives they add up; jobs
#: promised and created, and amounts, with the applications behind them).
MEASURES = {
    "cooperatives": "cooperatives",
    "members_male": "cooperatives",
    "members_female": "cooperatives",
    "jobs": "cooperatives",
    "applications": "applications",
    "approved": "approved",
    "delivered": "delivered",
    "jobs_promised": "approved",
    "jobs_created": "approved",
    "approved_rials": "approved",
    "delivered_rials": "delivered",
}


def _table(groups: dict, keys: list[str], describe) -> list[dict]:
    """Rows with suppressed cells as ``None``, keyed by ``keys`` (county codes or sector codes)."""
    hidden: dict[str, set] = {}
    for measure, behind in MEASURES.items():
        forced = hidden[behind] if behind != measure else set()
        # A cell whose contributors are withheld is withheld too (as a primary cell), and the margin is
        # then protected by a second cell as for any other.
        values = {key: 1 if key in forced else getattr(groups[key], measure) for key in keys}
        hidden[measure] = suppress(values, {"total": keys}).cells if keys else set()
    rows = []
    for key in keys:
        row = describe(key)
        row.update({m: None if key in hidden[m] else getattr(groups[key], m) for m in MEASURES})
        row["suppressed"] = [m for m in MEASURES if key in hidden[m]]
        rows.append(row)
    return rows


def _province(total) -> dict:
    hidden: set[str] = set()
    for measure, behind in MEASURES.items():
        value = getattr(total, measure)
        if behind in hidden or (behind == measure and 0 < value < SUPPRESSION_THRESHOLD):
            hidden.add(measure)
    out = {m: None if m in hidden else getattr(total, m) for m in MEASURES}
    out["suppressed"] = [m for m in MEASURES if m in hidden]
    return out


@router.get("/summary", summary="Employment cooperatives per county and per sector (small cells suppressed)")
def summary(request):
    cooperatives = selectors.province_cooperatives()
    by_county = selectors.figures(cooperatives, by="county")
    by_sector = selectors.figures(cooperatives, by="sector")
    from sakoo.geo.models import County

    counties = {c.pk: c for c in County.objects.filter(pk__in=list(by_county))}
    county_groups = {counties[pk].code: f for pk, f in by_county.items()}
    county_keys = sorted(county_groups)
    by_code = {c.code: c for c in counties.values()}
    labels = selectors.sector_labels()
    sector_keys = [code for code in Sector.values if code in by_sector]
    total = selectors.total(by_county)
    return {
        "as_of": timezone.localdate().isoformat(),  # figures are read live: the date of this answer
        "definitions": {
            **selectors.DEFINITIONS,
            "source": "Sakoo: cooperatives' profiles, members reports, jobs reports, "
            "support applications and follow-ups recorded by cooperatives, county officers, "
            "agencies and the province",
        },
        "units": {"approved_rials": "rials", "delivered_rials": "rials"},
        "suppression": f"counts from 1 to {SUPPRESSION_THRESHOLD - 1} are null, with a second cell where a "
        "total would reveal one; members, jobs and amounts are null wherever the count of cooperatives or "
        "applications behind them is",
        "province": _province(total),
        "counties": _table(
            county_groups,
            county_keys,
            lambda code: {"code": code, "name_fa": by_code[code].name_fa, "name_en": by_code[code].name_en},
        ),
        "sectors": _table(by_sector, sector_keys, lambda code: {"code": code, "name": labels[code]}),
    }
