"""Demo: the figure the governor quoted, entered as a reference figure (shown beside the maps, never mixed in)."""

import datetime as dt
from decimal import Decimal

from django.core.management.base import BaseCommand

from sakoo.atlas.models import ReferenceFigure
from sakoo.atlas.services import reference_figure_create
from sakoo.geo.selectors import active_province

LABEL = "بیکاران استان (رقم اعلام‌شده در کارگروه اشتغال استان)"


class Command(BaseCommand):
    help = "Enter the demo reference figure (about 107,000 unemployed, as stated in the working group). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1404, help="Accepted for make demo; the figure is fixed.")

    def handle(self, *args, **options):
        province = active_province()
        if province is None:
            self.stdout.write("No reference data: run load_reference first.")
            return
        if ReferenceFigure.objects.filter(province=province, label=LABEL).exists():
            self.stdout.write("  reference figure already entered.")
            return
        reference_figure_create(
            province=province,
            label=LABEL,
            value=Decimal(107000),
            unit=ReferenceFigure.Unit.PERSONS,
            source="استانداری آذربایجان شرقی، جلسه کارگروه اشتغال استان",
            reference_period="۱۴۰۴",
            reference_date=dt.date(2025, 4, 13),
            note=(
                "نمونه نمایشی: رقمی که استاندار در جلسه کارگروه اعلام کرد (حدود ۷۵ درصد در شش شهر). "
                "برآورد رسمی بیکاران استان از طرح آمارگیری نیروی کار مرکز آمار ایران است."
            ),
        )
        self.stdout.write("  1 reference figure entered.")
