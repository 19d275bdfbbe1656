"""Load the shipped reference data: provinces, counties, county versions, census 2016, ISCO-08, ISIC 4.

Idempotent: unchanged files are skipped by content hash, and changed ones only write the rows that
differ. `--force` compares every row even when the files are unchanged.
"""

import time

from django.core.management.base import BaseCommand

from sakoo.classifications.loaders import load_classifications
from sakoo.geo.loaders import load_geo


class Command(BaseCommand):
    help = "Load provinces, counties, census 2016 and the ISCO-08/ISIC 4 classifications (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Compare every row even if the files have not changed."
        )

    def handle(self, *args, force=False, **options):
        started = time.monotonic()
        results = [*load_geo(force=force), *load_classifications(force=force)]
        for result in results:
            self.stdout.write(f"  {result}")
        changed = sum(result.changed for result in results)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Reference data loaded: {changed} rows changed in {elapsed:.1f} s.")
        )
