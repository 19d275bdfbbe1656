from django.apps import AppConfig


class SeekersConfig(AppConfig):
    name = "sakoo.seekers"
    label = "seekers"
