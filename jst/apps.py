from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JstConfig(AppConfig):
    name = "jst"
    verbose_name = _("JST i zespoły")
