from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "sakoo.employers"
    label = "employers"
