from django.core.management.base import BaseCommand

from sakoo.resolutions.demo import seed_working_group


class Command(BaseCommand):
    help = "Demo data: the governor's working-group meeting and its resolutions (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1404)

    def handle(self, *args, seed, **options):
        meeting = seed_working_group(seed)
        self.stdout.write(f"working group: meeting {meeting.pk} with {meeting.resolutions.count()} resolutions")
