"""Background work (django-tasks, database backend). Tasks take ids or nothing and call a service."""

from django_tasks import task

from sakoo.resolutions.services import send_resolution_reminders


@task()
def send_resolution_reminders_task() -> int:
    return send_resolution_reminders()
