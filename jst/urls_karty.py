"""Monthly timesheets (issue 8). Included into the `jst` namespace by jst/urls.py."""

import datetime

from django.urls import path, register_converter

from jst import views_karty as views


class MiesiacConverter:
    """`rrrr-mm` in the URL ↔ the month's first day."""

    regex = r"[0-9]{4}-(?:0[1-9]|1[0-2])"

    def to_python(self, value: str) -> datetime.date:
        return datetime.date(int(value[:4]), int(value[5:7]), 1)

    def to_url(self, value) -> str:
        if isinstance(value, datetime.date):
            return value.strftime("%Y-%m")
        return str(value)


register_converter(MiesiacConverter, "miesiac")

urlpatterns = [
    path("doradcy/karty/", views.moje_karty, name="moje_karty"),
    path("doradcy/karty/<int:edycja_pk>/<miesiac:miesiac>/", views.moja_karta, name="moja_karta"),
    path("doradcy/karty/<int:edycja_pk>/<miesiac:miesiac>/zloz/", views.karta_zloz, name="karta_zloz"),
    path("edycje/<int:pk>/karty/", views.karty_edycji, name="karty_edycji"),
    path("edycje/<int:pk>/karty/zatwierdz/", views.karty_zatwierdz, name="karty_zatwierdz"),
    path("edycje/<int:pk>/karty/<int:doradca_pk>/<miesiac:miesiac>/", views.karta, name="karta"),
    path("edycje/<int:pk>/karty/<int:doradca_pk>/<miesiac:miesiac>/decyzja/", views.karta_decyzja,
         name="karta_decyzja"),
    path("edycje/<int:pk>/karty/<int:doradca_pk>/<miesiac:miesiac>/pdf/", views.karta_pdf, name="karta_pdf"),
]
