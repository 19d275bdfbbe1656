from django.apps import AppConfig


class WorkcalConfig(AppConfig):
    name = "sakoo.workcal"
    label = "workcal"
