from django.apps import AppConfig


class VacanciesConfig(AppConfig):
    name = "sakoo.vacancies"
    label = "vacancies"

    def ready(self):
        from sakoo.vacancies import checks  # noqa: F401 - registers the deploy checks
