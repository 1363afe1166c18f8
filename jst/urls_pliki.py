"""Files of a participation. Included into the `jst` namespace by jst/urls.py; MEDIA is never routed."""

from django.urls import path

from jst import views_pliki as views

urlpatterns = [
    path("udzialy/<int:pk>/pliki/", views.pliki, name="pliki"),
    path("udzialy/<int:pk>/pliki/<int:plik_pk>/", views.plik, name="plik"),
    path("udzialy/<int:pk>/pliki/<int:plik_pk>/usun/", views.plik_usun, name="plik_usun"),
]
