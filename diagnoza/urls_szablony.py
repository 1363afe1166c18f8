"""The template editor (catalogue under /szablony/) and the version an edition uses."""

from django.urls import path

from diagnoza import views_szablony as views

urlpatterns = [
    path("szablony/", views.szablony, name="szablony"),
    path("szablony/wersje/<int:pk>/", views.wersja, name="wersja"),
    path("szablony/wersje/<int:pk>/podglad/", views.wersja_podglad, name="wersja_podglad"),
    path("szablony/wersje/<int:pk>/opublikuj/", views.wersja_opublikuj, name="wersja_opublikuj"),
    path("szablony/wersje/<int:pk>/nowa/", views.wersja_nowa, name="wersja_nowa"),
    path("szablony/wersje/<int:pk>/sekcje/nowa/", views.sekcja_dodaj, name="sekcja_dodaj"),
    path("szablony/wersje/<int:pk>/sekcje/<int:sekcja_pk>/", views.sekcja_edytuj, name="sekcja_edytuj"),
    path("szablony/wersje/<int:pk>/sekcje/<int:sekcja_pk>/usun/", views.sekcja_usun, name="sekcja_usun"),
    path("szablony/wersje/<int:pk>/sekcje/<int:sekcja_pk>/przesun/", views.sekcja_przesun, name="sekcja_przesun"),
    path("szablony/wersje/<int:pk>/sekcje/<int:sekcja_pk>/pytania/nowe/", views.pytanie_dodaj, name="pytanie_dodaj"),
    path("szablony/wersje/<int:pk>/pytania/<int:pytanie_pk>/", views.pytanie_edytuj, name="pytanie_edytuj"),
    path("szablony/wersje/<int:pk>/pytania/<int:pytanie_pk>/usun/", views.pytanie_usun, name="pytanie_usun"),
    path("szablony/wersje/<int:pk>/pytania/<int:pytanie_pk>/przesun/", views.pytanie_przesun,
         name="pytanie_przesun"),
    path("edycje/<int:pk>/arkusze/szablon/", views.wersja_edycji, name="wersja_edycji"),
]
