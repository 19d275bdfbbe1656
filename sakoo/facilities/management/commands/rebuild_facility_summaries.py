"""Recompute the facilities' daily summary (what the absorption dashboard reads) from the files, or check it."""

import time

from django.core.management.base import BaseCommand, CommandError

from sakoo.facilities.models import FiscalYear
from sakoo.facilities.summaries import rebuild_summaries, summary_differences


class Command(BaseCommand):
    help = "Rebuild (or with --check, compare) the daily facility summary from the files and their steps."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help="one Jalali fiscal year (default: all)")
        parser.add_argument("--check", action="store_true",
                            help="only compare the stored summary with a recomputation; fail when they differ")

    def handle(self, *args, year: int | None, check: bool, **options):
        fiscal_year = None
        if year is not None:
            fiscal_year = FiscalYear.objects.filter(year=year).first()
            if fiscal_year is None:
                raise CommandError(f"year: no fiscal year {year}")
        start = time.perf_counter()
        if check:
            differences = summary_differences(fiscal_year)
            for key, stored, expected in differences[:20]:
                self.stdout.write(f"{key}: stored {stored}, expected {expected}")
            if differences:
                raise CommandError(f"{len(differences)} summary rows differ from the files "
                                   "(run rebuild_facility_summaries to repair them)")
            self.stdout.write(f"The summary matches the files ({time.perf_counter() - start:.1f} s).")
            return
        rows = rebuild_summaries(fiscal_year)
        self.stdout.write(f"Rebuilt {rows} summary rows in {time.perf_counter() - start:.1f} s.")
