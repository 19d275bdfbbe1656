from django_tasks import task

from .services import facility_alerts_send


@task()
def send_facility_alerts() -> int:
    """Daily: send the facility absorption alerts due today (each once)."""
    return len(facility_alerts_send())
