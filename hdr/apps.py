from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HdrConfig(AppConfig):
    name = "hdr"
    verbose_name = _("Harmonogram działań rozwojowych")
