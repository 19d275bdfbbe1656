"""`manage.py send_alerts`: expire overdue vacancies, queue saved-search digests, send queued notices.

Safe to run as often as you like (cron every 15 minutes, or a scheduled django-tasks task): each notice has
a unique key and is sent once.
"""

from django.core.management.base import BaseCommand

from sakoo.vacancies.notifications import notifications_send_pending, saved_search_digests_queue
from sakoo.vacancies.services import vacancies_expire_due


class Command(BaseCommand):
    help = "Expire overdue vacancies, queue saved-search digests and send pending notices (each once)."

    def handle(self, *args, **options):
        expired = vacancies_expire_due()
        queued = saved_search_digests_queue()
        sent = notifications_send_pending()
        self.stdout.write(f"  {expired} vacancies expired, {queued} digests queued, {sent} notices sent.")
