from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sakoo.core.jalali import parse_jalali_month
from sakoo.monitoring.aggregates import data_start, default_range, refresh_monthly_aggregates


class Command(BaseCommand):
    help = "Recompute the monitoring's monthly aggregates (default: this Jalali month and the previous one)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="month_from")
        parser.add_argument("--to", dest="month_to")
        parser.add_argument("--all", action="store_true", help="from the first registration to this month")

    def handle(self, *args, month_from=None, month_to=None, all=False, **options):
        start, end = default_range()
        try:
            if month_from:
                start = parse_jalali_month(month_from)
            if month_to:
                end = parse_jalali_month(month_to)
        except (ValidationError, ValueError) as exc:
            raise CommandError("--from/--to: expected Jalali months such as 1404-07") from exc
        if all:
            start = data_start() or start
        rows = refresh_monthly_aggregates(start, end)
        self.stdout.write(f"monthly aggregates {start[0]}-{start[1]:02d}..{end[0]}-{end[1]:02d}: {rows} rows")
