from django.core.management.base import BaseCommand, CommandError

from sakoo.search.services import check_search_index


class Command(BaseCommand):
    help = (
        "Compare the search index with the database. Lists vacancies missing from the index, stale in it "
        "(content differs) and extra (no longer public). Exits with status 1 when there is any difference."
    )

    def handle(self, *args, **options):
        diff = check_search_index()
        for kind in ("missing", "stale", "extra"):
            ids = diff[kind]
            shown = ", ".join(str(i) for i in ids[:50]) + (" …" if len(ids) > 50 else "")
            self.stdout.write(f"{kind}: {len(ids)}" + (f" ({shown})" if ids else ""))
        if any(diff.values()):
            raise CommandError("The search index differs from the database; run rebuild_search_index.")
        self.stdout.write("The search index matches the database.")
