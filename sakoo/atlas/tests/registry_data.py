"""Small, explicit registry data for the atlas tests (seekers with dated statuses)."""

import datetime as dt
import itertools

from sakoo.accounts.models import User
from sakoo.geo.models import County
from sakoo.seekers.models import JobSeeker, StatusChange

_seq = itertools.count(1)


def make_seekers(
    county_code: str,
    n: int,
    *,
    registered_on: dt.date,
    sex="male",
    graduate=False,
    status="unemployed_looking",
):
    county = County.objects.get(code=county_code)
    made = []
    for _ in range(n):
        i = next(_seq)
        user = User.objects.create(username=f"atlas-seeker-{i}", role="job_seeker", phone=f"0935{i:07d}")
        seeker = JobSeeker.objects.create(
            user=user,
            national_id=f"{i:010d}",
            first_name="آزمون",
            last_name=str(i),
            birth_date=dt.date(1990, 1, 1),
            sex=sex,
            county=county,
            education_level="bachelor" if graduate else "high_school",
            is_graduate=graduate,
            registered_on=registered_on,
            employment_status=status,
        )
        StatusChange.objects.create(seeker=seeker, status=status, valid_from=registered_on)
        made.append(seeker)
    return made


def official(role="province_analyst"):
    i = next(_seq)
    return User.objects.create(username=f"atlas-official-{i}", role=role)
