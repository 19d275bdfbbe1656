"""Seed the working-day calendars (government, bank) and Iran's official holidays for Jalali years."""

from django.core.management.base import BaseCommand, CommandError

from sakoo.workcal.services import calendar_ensure_defaults, holidays_load


class Command(BaseCommand):
    help = "Create the government and bank calendars and load Iran's official holidays (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--from-year", type=int, default=1402, help="first Jalali year (default 1402)")
        parser.add_argument("--to-year", type=int, default=1405, help="last Jalali year (default 1405)")

    def handle(self, *args, from_year: int, to_year: int, **options):
        if not 1300 <= from_year <= to_year <= 1500:
            raise CommandError("Years must be Jalali years with --from-year <= --to-year.")
        calendar_ensure_defaults()
        created, updated = holidays_load(jalali_years=list(range(from_year, to_year + 1)))
        self.stdout.write(f"Calendars ready; holidays {from_year}-{to_year}: {created} created, {updated} updated.")
