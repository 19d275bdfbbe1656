"""`make demo`: load reference data and synthetic demo data, then print the demo accounts.

Each step is a management command owned by its app; all are idempotent and deterministic from --seed.
"""

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

# In dependency order. Reference data first, then demo data app by app.
STEPS = [
    ("load_reference", False),  # geo: provinces, counties, census 2016; classifications: ISCO-08, ISIC 4
    ("load_calendar", False),  # workcal: weekends and official holidays
    ("demo_accounts", True),  # accounts: demo users for every role
    ("demo_jobs", True),  # employers, seekers, vacancies, applications, placements
    ("demo_facilities", True),  # agencies, banks, quotas, facility files
    ("demo_working_group", True),  # the governor's meeting and its resolutions
    ("demo_squares", True),  # labour squares: labourers, check-ins, day requests, assignments
    ("demo_partnerships", True),  # tripartite agreements, training courses, enrolments
    ("demo_reference_figures", True),  # atlas: the figure quoted in the meeting, beside the maps
    ("demo_cooperatives", True),  # cooperatives: the support package, cooperatives, applications
    ("rebuild_search_index", False),  # search: the index is a cache of the database
    ("refresh_monthly_aggregates", {"all": True}),  # monitoring: the monthly figures of the dashboard
    ("print_demo_accounts", False),
]


class Command(BaseCommand):
    help = "Load the reference data and the synthetic demo data (idempotent, deterministic from --seed)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1404)

    def handle(self, *args, seed, **options):
        available = get_commands()
        for name, seeded in STEPS:
            if name not in available:
                continue
            self.stdout.write(f"== {name}")
            if isinstance(seeded, dict):
                call_command(name, **seeded)
            elif seeded:
                call_command(name, seed=seed)
            else:
                call_command(name)
        self.stdout.write(self.style.SUCCESS("Sakoo demo data is ready."))
