"""Adviser directory and ROS/PRO assignments. Included into the `jst` namespace by jst/urls.py."""

from django.urls import path

from jst import views_doradcy as views

urlpatterns = [
    path("doradcy/", views.doradcy, name="doradcy"),
    path("doradcy/nowy/", views.doradca_nowy, name="doradca_nowy"),
    path("doradcy/<int:pk>/", views.doradca, name="doradca"),
    path("doradcy/<int:pk>/edytuj/", views.doradca_edytuj, name="doradca_edytuj"),
    path("doradcy/<int:pk>/zaproszenie/", views.doradca_zaproszenie, name="doradca_zaproszenie"),
    path("udzialy/<int:pk>/doradcy/przydziel/", views.przydziel, name="przydziel"),
    path("udzialy/<int:pk>/doradcy/<int:przydzial_pk>/zakoncz/", views.przydzial_zakoncz_view,
         name="przydzial_zakoncz"),
]
