from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sakoo.accounts.demo import demo_accounts_ensure


class Command(BaseCommand):
    help = (
        "Create the demo organisations and one demo account per role (idempotent; demo installations only)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=1404, help="Accepted for make demo; the accounts are fixed."
        )

    def handle(self, *args, seed, **options):
        if not settings.SAKOO_DEMO:
            raise CommandError("Demo accounts have known passwords: set SAKOO_DEMO=true to create them.")
        users = demo_accounts_ensure()
        self.stdout.write(f"  {len(users)} demo accounts ready.")
