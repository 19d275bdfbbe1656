from django.core.management.base import BaseCommand

from sakoo.search.services import process_search_queue


class Command(BaseCommand):
    help = "Apply queued vacancy changes to the search index (backstop for the after-commit step)."

    def handle(self, *args, **options):
        n = process_search_queue()
        self.stdout.write(f"Processed {n} queued index changes.")
