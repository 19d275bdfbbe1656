"""Send the facility absorption alerts due today (run daily, e.g. from cron). Each alert is sent once."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from sakoo.facilities.services import facility_alerts_send


class Command(BaseCommand):
    help = "Send facility absorption alerts at the targets' working-day distances (each once)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="ISO date to run as (default: today)")

    def handle(self, *args, today=None, **options):
        day = None
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError("--today must be an ISO date such as 2025-05-01") from exc
        alerts = facility_alerts_send(today=day)
        for alert in alerts:
            self.stdout.write(alert.message)
        self.stdout.write(f"{len(alerts)} alerts sent.")
