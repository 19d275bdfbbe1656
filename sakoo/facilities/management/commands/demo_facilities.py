"""Demo facilities: agencies, programs, banks and branches, quotas and allocations for 1403 and 1404,
synthetic files with believable timelines. Idempotent and deterministic for a given --seed."""

from django.core.management.base import BaseCommand

from sakoo.facilities.demo import seed_facilities


class Command(BaseCommand):
    help = "Load the facilities demo data (idempotent, deterministic)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1404)
        parser.add_argument("--files", type=int, default=None,
                            help="files per program and year (default: enough to absorb the quota)")

    def handle(self, *args, seed: int, files: int, **options):
        summary = seed_facilities(seed=seed, files_per_program_year=files)
        self.stdout.write(
            f"Facilities demo: {summary.agencies} agencies, {summary.banks} banks, {summary.branches} branches; "
            f"{summary.files} new files, {summary.steps} new steps."
        )
