from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "sakoo.monitoring"
    label = "monitoring"
