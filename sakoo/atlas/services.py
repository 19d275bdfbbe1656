"""Writes of the atlas: only reference figures (the maps themselves are read-only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from sakoo.atlas.models import ReferenceFigure
from sakoo.geo.models import Province


def reference_figure_create(
    *,
    province: Province,
    label: str,
    value: Decimal,
    unit: str,
    source: str,
    reference_period: str,
    reference_date: dt.date,
    note: str = "",
    created_by=None,
) -> ReferenceFigure:
    figure = ReferenceFigure(
        province=province,
        label=label.strip(),
        value=value,
        unit=unit,
        source=source.strip(),
        reference_period=reference_period.strip(),
        reference_date=reference_date,
        note=note.strip(),
        created_by=created_by,
    )
    with transaction.atomic():
        figure.full_clean()
        figure.save()
    return figure
