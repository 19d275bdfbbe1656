"""Background task (django-tasks, database backend): the search queue backstop."""

from django_tasks import task

from sakoo.search.services import process_search_queue


@task()
def process_search_queue_task() -> int:
    return process_search_queue()
