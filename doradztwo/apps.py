from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DoradztwoConfig(AppConfig):
    name = "doradztwo"
    verbose_name = _("Doradztwo dla JST")

    def ready(self):
        from doradztwo import checks, zadania_rodo  # noqa: F401  (system checks, RODO export jobs)
        from doradztwo.sygnaly_logowania import polacz

        polacz()  # logins, logouts and failed logins go to the audit log
