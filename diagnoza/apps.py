from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnozaConfig(AppConfig):
    name = "diagnoza"
    verbose_name = _("Diagnoza")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from diagnoza import zadania, zadania_zadanie  # noqa: F401  (registers the job kinds)
