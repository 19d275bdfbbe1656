"""`manage.py demo_squares`: synthetic labour squares, labourers and 60 days of activity."""

import time

from django.core.management.base import BaseCommand

from sakoo.squares.demo import demo_squares_ensure


class Command(BaseCommand):
    help = "Create demo labour squares with labourers, check-ins, requests and assignments (deterministic)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1404)
        parser.add_argument("--reset", action="store_true", help="Replace the demo squares' data.")

    def handle(self, *args, seed, reset, **options):
        started = time.monotonic()
        counts = demo_squares_ensure(seed=seed, reset=reset)
        if not counts["squares"]:
            self.stdout.write(self.style.WARNING("No counties found: run load_reference first."))
            return
        summary = ", ".join(f"{key}={value}" for key, value in counts.items())
        self.stdout.write(f"Labour squares: {summary} ({time.monotonic() - started:.1f} s)")
