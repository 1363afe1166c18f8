from django.urls import path

from raporty import views_podsumowanie

urlpatterns = [
    path("udzialy/<int:pk>/podsumowanie/pdf/", views_podsumowanie.podsumowanie_pdf, name="podsumowanie_pdf"),
    path("edycje/<int:pk>/podsumowania/zip/", views_podsumowanie.podsumowania_zip, name="podsumowania_zip"),
]
