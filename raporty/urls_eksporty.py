from django.urls import path

from raporty import views_eksporty

urlpatterns = [
    path("edycje/<int:pk>/eksporty/", views_eksporty.eksporty, name="eksporty"),
    path("edycje/<int:pk>/eksporty/<slug:slug>/", views_eksporty.eksport, name="eksport"),
    path("edycje/<int:pk>/arkusze/eksport/", views_eksporty.eksport_odpowiedzi, name="eksport_odpowiedzi"),
]
