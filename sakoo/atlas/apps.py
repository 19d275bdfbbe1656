from django.apps import AppConfig


class AtlasConfig(AppConfig):
    name = "sakoo.atlas"
    label = "atlas"
