"""Build the printable atlas PDF of a province: ``manage.py build_atlas_pdf --province 03 --output atlas.pdf``."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import translation

from sakoo.atlas.pdf import build_atlas_pdf


class Command(BaseCommand):
    help = "Render the unemployment atlas of a province as one PDF (public figures unless --exact)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--province", default=settings.SAKOO_PROVINCE, help="SCI two-digit code (default: 03)"
        )
        parser.add_argument("--output", required=True, help="Path of the PDF to write")
        parser.add_argument(
            "--exact", action="store_true", help="Exact registry figures (for officials): no suppression"
        )
        parser.add_argument("--language", default="fa", choices=["fa", "en"])

    def handle(self, *args, province, output, exact, language, **options):
        with translation.override(language):
            try:
                result = build_atlas_pdf(province, Path(output), exact=exact)
            except Http404 as exc:
                raise CommandError(f"Unknown province {province!r}: run load_reference first?") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {result['path']}: {result['pages']} pages, {result['bytes'] // 1024} KB "
                f"in {result['seconds']:.1f} s."
            )
        )
