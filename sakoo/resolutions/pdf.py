"""HTML → PDF with WeasyPrint, Vazirmatn embedded from static/fonts (no network, no CDN).

Persian is shaped by WeasyPrint's HTML text layout; never put Persian in SVG <text> in printed pages.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string


def font_dir() -> Path:
    return Path(settings.BASE_DIR) / "static" / "fonts"


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML

    context = {**context, "font_dir_url": font_dir().as_uri()}
    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
