from django.urls import path

from hdr import views_monitoring as views
from hdr import views_pdf

urlpatterns = [
    path("udzialy/<int:pk>/hdr/dzialania/<uuid:klucz>/postep/", views.postep, name="postep"),
    path("edycje/<int:pk>/hdr/", views.przeglad, name="przeglad_edycji"),
    path("udzialy/<int:pk>/hdr/pdf/", views_pdf.hdr_pdf, name="hdr_pdf"),
]
