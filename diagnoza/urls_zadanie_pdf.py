from django.urls import path

from diagnoza import views_przeglad_zadan, views_zadanie_pdf

urlpatterns = [
    path("udzialy/<int:pk>/zadanie/pdf/", views_zadanie_pdf.zadanie_pdf, name="zadanie_pdf"),
    path("edycje/<int:pk>/zadania/", views_przeglad_zadan.przeglad_zadan, name="przeglad_zadan"),
]
