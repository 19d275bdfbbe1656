from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "sakoo.search"
    label = "search"
