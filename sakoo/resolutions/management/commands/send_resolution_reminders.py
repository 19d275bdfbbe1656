from django.core.management.base import BaseCommand

from sakoo.core.jalali import parse_jalali
from sakoo.resolutions.services import send_resolution_reminders


class Command(BaseCommand):
    help = ("Remind owner and co-owner agencies of resolutions due within 7 days and overdue "
            "(each reminder is sent once to each person).")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Jalali or ISO date to run as (default: today)")

    def handle(self, *args, today=None, **options):
        day = parse_jalali(today) if today else None
        sent = send_resolution_reminders(today=day)
        self.stdout.write(f"reminders sent: {sent}")
