from django.urls import include, path

from jst import views

app_name = "jst"

urlpatterns = [
    path("edycje/<int:pk>/udzialy/", views.udzialy, name="udzialy"),
    path("edycje/<int:pk>/zapisz/", views.zapisz, name="zapisz"),
    path("udzialy/<int:pk>/", views.udzial, name="udzial"),
    path("udzialy/<int:pk>/etap/", views.etap, name="etap"),
    path("udzialy/<int:pk>/zespol/dodaj/", views.zespol_dodaj, name="zespol_dodaj"),
    path("udzialy/<int:pk>/zespol/zatwierdz/", views.zespol_zatwierdz, name="zespol_zatwierdz"),
    path("udzialy/<int:pk>/zespol/<int:czlonek_pk>/usun/", views.zespol_usun, name="zespol_usun"),
    path("udzialy/<int:pk>/zespol/<int:czlonek_pk>/lider/", views.zespol_lider, name="zespol_lider"),
    path("udzialy/<int:pk>/zespol/<int:czlonek_pk>/zaproszenie/", views.zespol_zaproszenie,
         name="zespol_zaproszenie"),
]

# Helper-built parts, wired while they are being written (plain includes once they land).
from importlib.util import find_spec  # noqa: E402

for _module in ("jst.urls_rejestr", "jst.urls_doradcy"):
    if find_spec(_module) and not any(getattr(p, "urlconf_name", None) == _module for p in urlpatterns):
        urlpatterns.append(path("", include(_module)))
