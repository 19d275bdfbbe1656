"""`manage.py demo_cooperatives`: the support package, synthetic cooperatives and their applications."""

import time

from django.core.management.base import BaseCommand

from sakoo.cooperatives.demo import demo_cooperatives_ensure


class Command(BaseCommand):
    help = "Create the cooperatives' support package, demo cooperatives and applications (deterministic)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1404)
        parser.add_argument("--reset", action="store_true", help="Replace the demo cooperatives' data.")

    def handle(self, *args, seed, reset, **options):
        started = time.monotonic()
        counts = demo_cooperatives_ensure(seed=seed, reset=reset)
        if not counts["items"]:
            self.stdout.write(self.style.WARNING("No counties found: run load_reference first."))
            return
        summary = ", ".join(f"{key}={value}" for key, value in counts.items())
        self.stdout.write(f"Cooperatives: {summary} ({time.monotonic() - started:.1f} s)")
