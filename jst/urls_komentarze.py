"""Comment threads of a participation. Included into the `jst` namespace by jst/urls.py."""

from django.urls import path

from jst import views_komentarze as views

urlpatterns = [
    path("udzialy/<int:pk>/komentarze/", views.komentarze, name="komentarze"),
    path("udzialy/<int:pk>/komentarze/<int:komentarz_pk>/odpowiedz/", views.komentarz_odpowiedz,
         name="komentarz_odpowiedz"),
    path("udzialy/<int:pk>/komentarze/<int:komentarz_pk>/rozwiaz/", views.komentarz_rozwiaz_view,
         name="komentarz_rozwiaz"),
    path("udzialy/<int:pk>/komentarze/<int:komentarz_pk>/otworz/", views.komentarz_otworz_view,
         name="komentarz_otworz"),
]
