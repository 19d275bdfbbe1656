"""`manage.py demo_partnerships`: universities, tripartite agreements, training courses and enrolments."""

import time

from django.core.management.base import BaseCommand

from sakoo.partnerships.demo import demo_partnerships_ensure


class Command(BaseCommand):
    help = "Create demo tripartite agreements, training courses and enrolments (deterministic)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1404)
        parser.add_argument("--reset", action="store_true", help="Replace the demo agreements and courses.")

    def handle(self, *args, seed, reset, **options):
        started = time.monotonic()
        counts = demo_partnerships_ensure(seed=seed, reset=reset)
        if not counts["universities"]:
            self.stdout.write(self.style.WARNING("No counties found: run load_reference first."))
            return
        if counts.get("skipped"):
            self.stdout.write("  demo partnerships already present (use --reset to rebuild).")
            return
        if not counts["agreements"]:
            self.stdout.write(
                self.style.WARNING("No knowledge-based companies: run demo_jobs for agreements.")
            )
        summary = ", ".join(f"{key}={value}" for key, value in counts.items())
        self.stdout.write(f"Partnerships: {summary} ({time.monotonic() - started:.1f} s)")
