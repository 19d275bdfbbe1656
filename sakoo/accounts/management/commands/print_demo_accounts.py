from django.core.management.base import BaseCommand
from django.utils import translation

from sakoo.accounts.demo import DEMO_ACCOUNTS, DEMO_EXTRA_STAFF, DEMO_PASSWORD
from sakoo.accounts.models import Role, User


class Command(BaseCommand):
    help = "Print the demo accounts and how to log in with each."

    def handle(self, *args, **options):
        existing_usernames = set(User.objects.values_list("username", flat=True))
        existing_phones = set(User.objects.exclude(phone=None).values_list("phone", flat=True))
        rows = []
        with translation.override("en"):
            for spec in DEMO_ACCOUNTS:
                if spec.phone and spec.phone in existing_phones:
                    rows.append(
                        (
                            str(Role(spec.role).label),
                            spec.phone,
                            "mobile number + SMS code (the code is printed in the server console)",
                        )
                    )
                elif spec.username and spec.username in existing_usernames:
                    how = f"staff login, password {DEMO_PASSWORD}"
                    if spec.superuser:
                        how += " (also /admin/)"
                    rows.append((str(Role(spec.role).label), spec.username, how))
            for user in User.objects.filter(username__in=DEMO_EXTRA_STAFF).order_by("username"):
                rows.append(
                    (str(Role(user.role).label), user.username, f"staff login, password {DEMO_PASSWORD}")
                )
        if not rows:
            self.stdout.write("No demo accounts: run `manage.py demo_accounts` first.")
            return
        headers = ("Role", "Log in as", "How")
        widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(3)]
        line = "  ".join("-" * w for w in widths)
        self.stdout.write("Demo accounts (log in at /accounts/login/):")
        self.stdout.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
        self.stdout.write(line)
        for row in rows:
            self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
