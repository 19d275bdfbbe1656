"""Run by test_index_sync.test_concurrent_publishing in separate processes (not a test module)."""

import os
import sys


def main(worker: int, count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from datetime import UTC, datetime

    from django.db import transaction

    from sakoo.classifications.models import Occupation
    from sakoo.employers.models import Employer
    from sakoo.geo.models import County
    from sakoo.search.services import index_vacancy
    from sakoo.vacancies.models import Vacancy

    employer = Employer.objects.get(legal_id="10101010101")
    county = County.objects.get(code="0301")
    occupation = Occupation.objects.get(code="2411")
    for i in range(count):
        with transaction.atomic():
            v = Vacancy.objects.create(
                employer=employer,
                title=f"حسابدار {worker} {i}",
                title_key=f"حسابدار {worker} {i}",
                description="آزمون همزمانی",
                occupation=occupation,
                county=county,
                contract_type="permanent",
                status="published",
                published_at=datetime.now(UTC),
            )
            index_vacancy(v.pk)
        if i % 3 == 0:  # close every third one again
            with transaction.atomic():
                Vacancy.objects.filter(pk=v.pk).update(status="closed")
                index_vacancy(v.pk)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
