from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RaportyConfig(AppConfig):
    name = "raporty"
    verbose_name = _("Raporty i pulpity")

    def ready(self):
        from raporty import eksporty, zadania_podsumowania, zadania_publikacji  # noqa: F401  (job kinds)
