"""Load reference data and demo data, then print the demo accounts. Idempotent and deterministic."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Each entry: (command name, kwargs). Apps add their demo step here, in dependency order.
DEMO_STEPS: list[tuple[str, dict]] = []


class Command(BaseCommand):
    help = "Load the reference data (geography, census, classifications) and the synthetic demo data."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1404)

    def handle(self, *args, seed, **options):
        for name, kwargs in DEMO_STEPS:
            self.stdout.write(f"== {name}")
            call_command(name, **({"seed": seed} | kwargs) if kwargs.get("_seeded") else kwargs)
        self.stdout.write(self.style.SUCCESS("Sakoo demo is ready."))
