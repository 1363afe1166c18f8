from django.urls import path

from raporty import views_eksporty

urlpatterns = [
    path("edycje/<int:pk>/arkusze/eksport/", views_eksporty.eksport_odpowiedzi, name="eksport_odpowiedzi"),
]
