from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    name = "sakoo.resolutions"
    label = "resolutions"
