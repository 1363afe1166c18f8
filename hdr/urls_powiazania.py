"""Remote entries ↔ HDR actions (issue 8). Included into the `hdr` namespace by hdr/urls.py."""

from django.urls import path

from hdr import views_powiazania as views

urlpatterns = [
    path("udzialy/<int:pk>/hdr/wpisy/<int:wpis_pk>/dzialanie/", views.powiazanie_wpisu, name="powiazanie_wpisu"),
    path("udzialy/<int:pk>/hdr/dzialania/<uuid:klucz>/porady-zdalne/", views.porady_dzialania,
         name="porady_dzialania"),
]
