from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sakoo.core.jalali import parse_jalali_month
from sakoo.monitoring.aggregates import month_code
from sakoo.monitoring.report import report_pdf, report_xlsx


class Command(BaseCommand):
    help = "Write the working group's monthly report (PDF and XLSX) for a Jalali month, e.g. --month 1404-07."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True)
        parser.add_argument("--output-dir", default=".")

    def handle(self, *args, month, output_dir, **options):
        try:
            ym = parse_jalali_month(month)
        except (ValidationError, ValueError) as exc:
            raise CommandError(f"--month: expected a Jalali month such as 1404-07, got {month!r}") from exc
        out = Path(output_dir)
        out.mkdir(parents=True, exist_ok=True)
        pdf = out / f"sakoo-report-{month_code(ym)}.pdf"
        xlsx = out / f"sakoo-report-{month_code(ym)}.xlsx"
        pdf.write_bytes(report_pdf(ym))
        xlsx.write_bytes(report_xlsx(ym))
        self.stdout.write(f"{pdf}\n{xlsx}")
