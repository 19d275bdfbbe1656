from django.apps import AppConfig


class VacanciesConfig(AppConfig):
    name = "sakoo.vacancies"
    label = "vacancies"
