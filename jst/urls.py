from django.urls import include, path

from jst import views, views_pdf

app_name = "jst"

urlpatterns = [
    path("", include("jst.urls_rejestr")),
    path("", include("jst.urls_doradcy")),
    path("", include("jst.urls_pliki")),
    path("", include("jst.urls_komentarze")),
    path("", include("jst.urls_zdalne")),
    path("", include("jst.urls_wizyty")),
    path("", include("jst.urls_karty")),
    path("edycje/<int:pk>/udzialy/", views.udzialy, name="udzialy"),
    path("edycje/<int:pk>/zapisz/", views.zapisz, name="zapisz"),
    path("udzialy/<int:pk>/", views.udzial, name="udzial"),
    path("udzialy/<int:pk>/etap/", views.etap, name="etap"),
    path("udzialy/<int:pk>/sklad-zespolu.pdf", views_pdf.sklad_zespolu_pdf, name="sklad_zespolu_pdf"),
    path("udzialy/<int:pk>/zespol/dodaj/", views.zespol_dodaj, name="zespol_dodaj"),
    path("udzialy/<int:pk>/zespol/zatwierdz/", views.zespol_zatwierdz, name="zespol_zatwierdz"),
    path("udzialy/<int:pk>/zespol/otworz/", views.zespol_otworz, name="zespol_otworz"),
    path("udzialy/<int:pk>/zespol/<int:czlonek_pk>/edytuj/", views.zespol_edytuj, name="zespol_edytuj"),
    path("udzialy/<int:pk>/zespol/<int:czlonek_pk>/usun/", views.zespol_usun, name="zespol_usun"),
    path("udzialy/<int:pk>/zespol/<int:czlonek_pk>/lider/", views.zespol_lider, name="zespol_lider"),
    path("udzialy/<int:pk>/zespol/<int:czlonek_pk>/zaproszenie/", views.zespol_zaproszenie,
         name="zespol_zaproszenie"),
]

