import time

from django.core.management.base import BaseCommand

from sakoo.search.services import rebuild_search_index


class Command(BaseCommand):
    help = "Rebuild the search index from the database (the index is only a cache of it)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        n = rebuild_search_index()
        self.stdout.write(f"Indexed {n} public vacancies in {time.perf_counter() - started:.1f} s.")
