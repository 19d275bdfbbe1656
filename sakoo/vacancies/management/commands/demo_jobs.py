"""`manage.py demo_jobs --seed N`: synthetic seekers, employers, vacancies, applications and hires."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sakoo.vacancies.demo import demo_jobs


class Command(BaseCommand):
    help = "Create the synthetic job-platform demo data (idempotent, deterministic from --seed)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1404)
        parser.add_argument("--seekers", type=int, default=20_000)
        parser.add_argument("--employers", type=int, default=3_000)
        parser.add_argument("--vacancies", type=int, default=8_000)
        parser.add_argument("--reset", action="store_true", help="Delete the demo job data first.")

    def handle(self, *args, seed, seekers, employers, vacancies, reset, **options):
        if not settings.SAKOO_DEMO:
            raise CommandError("Demo data is synthetic: set SAKOO_DEMO=true to create it.")
        started = time.monotonic()
        result = demo_jobs(
            seed=seed,
            seekers=seekers,
            employers=employers,
            vacancies=vacancies,
            reset=reset,
            stdout=self.stdout,
        )
        if not result.skipped:
            self.stdout.write(
                f"  {result.seekers} seekers, {result.employers} employers, {result.vacancies} vacancies, "
                f"{result.applications} applications, {result.placements} placements, "
                f"{result.status_changes} status changes in {time.monotonic() - started:.1f} s."
            )
