from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SquaresConfig(AppConfig):
    name = "sakoo.squares"
    label = "squares"
    verbose_name = _("Labour squares")
