"""Background tasks (django-tasks, database backend). Each takes ids (or nothing) and calls services."""

from django_tasks import task

from sakoo.vacancies.notifications import notifications_send_pending, saved_search_digests_queue
from sakoo.vacancies.services import vacancies_expire_due


@task()
def send_alerts_task() -> dict:
    """What `manage.py send_alerts` does: expire, queue digests, send pending notices (each once)."""
    return {
        "expired": vacancies_expire_due(),
        "queued": saved_search_digests_queue(),
        "sent": notifications_send_pending(),
    }


@task()
def send_pending_notifications_task() -> int:
    return notifications_send_pending()
