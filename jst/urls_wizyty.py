"""On-site visits, travel costs and events (issue 8). Included into the `jst` namespace by jst/urls.py."""

from django.urls import path

from jst import views_wizyty, views_wydarzenia

urlpatterns = [
    path("udzialy/<int:pk>/wizyty/", views_wizyty.wizyty, name="wizyty"),
    path("udzialy/<int:pk>/wizyty/nowa/", views_wizyty.wizyta_nowa, name="wizyta_nowa"),
    path("udzialy/<int:pk>/wizyty/<int:wizyta_pk>/", views_wizyty.wizyta, name="wizyta"),
    path("udzialy/<int:pk>/wizyty/<int:wizyta_pk>/edytuj/", views_wizyty.wizyta_edytuj, name="wizyta_edytuj"),
    path("udzialy/<int:pk>/wizyty/<int:wizyta_pk>/usun/", views_wizyty.wizyta_usun, name="wizyta_usun"),
    path("udzialy/<int:pk>/wizyty/<int:wizyta_pk>.ics", views_wizyty.wizyta_ics_view, name="wizyta_ics"),
    path("doradcy/koszty/", views_wizyty.koszty, name="koszty"),
    path("doradcy/koszty/nowy/", views_wizyty.koszt_nowy, name="koszt_nowy"),
    path("doradcy/koszty/<int:pk>/edytuj/", views_wizyty.koszt_edytuj, name="koszt_edytuj"),
    path("doradcy/koszty/<int:pk>/usun/", views_wizyty.koszt_usun, name="koszt_usun"),
    path("doradcy/koszty/<int:pk>/dokumenty/<int:plik_pk>/", views_wizyty.koszt_dokument, name="koszt_dokument"),
    path("edycje/<int:pk>/koszty/", views_wizyty.koszty_edycji, name="koszty_edycji"),
    path("edycje/<int:pk>/wydarzenia/", views_wydarzenia.wydarzenia_edycji, name="wydarzenia_edycji"),
    path("edycje/<int:pk>/wydarzenia/nowe/", views_wydarzenia.wydarzenie_nowe, name="wydarzenie_nowe"),
    path("edycje/<int:pk>/wydarzenia/<int:wydarzenie_pk>/edytuj/", views_wydarzenia.wydarzenie_edytuj,
         name="wydarzenie_edytuj"),
    path("edycje/<int:pk>/wydarzenia/<int:wydarzenie_pk>/obecnosc/", views_wydarzenia.obecnosc, name="obecnosc"),
    path("edycje/<int:pk>/wydarzenia/<int:wydarzenie_pk>/lista-obecnosci/<int:dzien>/",
         views_wydarzenia.lista_obecnosci_pdf, name="lista_obecnosci_pdf"),
    path("wydarzenia/", views_wydarzenia.wydarzenia, name="wydarzenia"),
    path("wydarzenia/<int:pk>/", views_wydarzenia.wydarzenie, name="wydarzenie"),
    path("wydarzenia/<int:pk>/zapisz/", views_wydarzenia.wydarzenie_zapisz, name="wydarzenie_zapisz"),
    path("wydarzenia/<int:pk>/wypisz/", views_wydarzenia.wydarzenie_wypisz, name="wydarzenie_wypisz"),
    path("wydarzenia/<int:pk>.ics", views_wydarzenia.wydarzenie_ics_view, name="wydarzenie_ics"),
]
