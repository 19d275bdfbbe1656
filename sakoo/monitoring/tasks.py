"""Background work (django-tasks, database backend)."""

from django_tasks import task

from sakoo.monitoring.aggregates import default_range, refresh_monthly_aggregates


@task()
def refresh_monthly_aggregates_task() -> int:
    start, end = default_range()
    return refresh_monthly_aggregates(start, end)
