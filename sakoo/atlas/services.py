"""Writes of the atlas: only reference figures (the maps themselves are read-only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakoo.atlas.models import ReferenceFigure
from sakoo.geo.models import Province


def _check_figure(figure: ReferenceFigure) -> None:
    errors = {}
    if figure.value is not None and figure.value < 0:
        errors["value"] = _("Value: a figure cannot be negative.")
    elif figure.value is not None and figure.unit == ReferenceFigure.Unit.PERCENT and figure.value > 100:
        errors["value"] = _("Value: a percentage cannot be more than 100.")
    if figure.reference_date and figure.reference_date > timezone.localdate():
        errors["reference_date"] = _("Date of the figure: the date cannot be in the future.")
    if errors:
        raise ValidationError(errors)


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
        _check_figure(figure)
        figure.save()
    return figure


def reference_figure_retire(*, figure: ReferenceFigure, retired_by=None) -> ReferenceFigure:
    """Stop showing a figure beside the maps; it is kept (with who retired it and when) for the record."""
    with transaction.atomic():
        figure = ReferenceFigure.objects.select_for_update().get(pk=figure.pk)
        if figure.retired_at is None:
            figure.retired_at = timezone.now()
            figure.retired_by = retired_by
            figure.save(update_fields=["retired_at", "retired_by"])
    return figure
