from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JstConfig(AppConfig):
    name = "jst"
    verbose_name = _("JST i zespoły")

    def ready(self):
        from jst import zadania, zadania_karty, zadania_obecnosci  # noqa: F401  (registers the job kinds)
