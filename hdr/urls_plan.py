from django.urls import path

from hdr import views

P = "udzialy/<int:pk>/hdr/"

urlpatterns = [
    path(P, views.hdr, name="hdr"),
    path(P + "zaloz/", views.zaloz, name="zaloz"),
    path(P + "okres/", views.okres, name="okres"),
    path(P + "dzialania/nowe/", views.dzialanie_nowe, name="dzialanie_nowe"),
    path(P + "dzialania/<uuid:klucz>/edycja/", views.dzialanie, name="dzialanie"),
    path(P + "dzialania/<uuid:klucz>/usun/", views.dzialanie_usun, name="dzialanie_usun"),
    path(P + "zloz/", views.zloz, name="zloz"),
    path(P + "zwroc/", views.zwroc, name="zwroc"),
    path(P + "zatwierdz/", views.zatwierdz, name="zatwierdz"),
    path(P + "wersje/nowa/", views.wersja_nowa, name="wersja_nowa"),
    path(P + "wersje/<int:numer>/", views.wersja, name="wersja"),
]
