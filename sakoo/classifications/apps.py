from django.apps import AppConfig


class ClassificationsConfig(AppConfig):
    name = "sakoo.classifications"
    label = "classifications"
