from django.apps import AppConfig


class FacilitiesConfig(AppConfig):
    name = "sakoo.facilities"
    label = "facilities"
