from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HdrConfig(AppConfig):
    name = "hdr"
    verbose_name = _("Harmonogram działań rozwojowych")

    def ready(self):
        from hdr import zadania  # noqa: F401  (registers the HDR PDF job kind)
        from hdr.services_powiazania import opisz_wpisy_dzialaniami
        from jst.rozszerzenia import zarejestruj_opis_wpisow

        zarejestruj_opis_wpisow(opisz_wpisy_dzialaniami)  # "Działanie HDR: …" in jst's entry lists
