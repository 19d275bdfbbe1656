"""A first members report for every cooperative registered before members reports existed: its current
counts, dated the day it was registered: its first jobs report (registration writes one on the day of
registration), or, without one, the day its profile was entered in Sakoo (``Cooperative.created_at``, a
timestamp, taken as a day in the province's time zone, settings.TIME_ZONE); no reporter. Cooperatives that already
have a members report are left alone, so the migration can run again safely."""

import zoneinfo

from django.conf import settings
from django.db import migrations
from django.db.models import Min
from django.utils import timezone


def registration_day(created_at):
    if timezone.is_naive(created_at):  # USE_TZ = False: stored as local time already
        return created_at.date()
    return timezone.localdate(created_at, timezone=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def first_members_reports(apps, schema_editor):
    Cooperative = apps.get_model("cooperatives", "Cooperative")
    MembersReport = apps.get_model("cooperatives", "MembersReport")
    alias = schema_editor.connection.alias
    JobsReport = apps.get_model("cooperatives", "JobsReport")
    first_jobs_report = dict(
        JobsReport.objects.using(alias)
        .values("cooperative_id")
        .annotate(first=Min("reported_on"))
        .values_list("cooperative_id", "first")
    )
    missing = (
        Cooperative.objects.using(alias)
        .filter(members_reports__isnull=True)
        .order_by("pk")
        .values_list("pk", "created_at", "members_male", "members_female")
    )
    MembersReport.objects.using(alias).bulk_create(
        [
            MembersReport(
                cooperative_id=pk,
                reported_on=min(filter(None, (registration_day(created_at), first_jobs_report.get(pk)))),
                members_male=male,
                members_female=female,
            )
            for pk, created_at, male, female in missing
            if male + female > 0
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0002_members_report")]

    operations = [
        # Reversing drops nothing: the reports go with the table when 0002 is reversed.
        migrations.RunPython(first_members_reports, migrations.RunPython.noop),
    ]
