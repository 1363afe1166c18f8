"""The indicator catalogue (/wskazniki/…): every coordinator and administrator reads and edits it."""

from django.urls import path

from diagnoza import views_wskazniki as views

urlpatterns = [
    path("wskazniki/", views.wskazniki, name="wskazniki"),
    path("wskazniki/nowy/", views.wskaznik_nowy, name="wskaznik_nowy"),
    path("wskazniki/<int:pk>/", views.wskaznik, name="wskaznik"),
    path("wskazniki/<int:pk>/sprawdz/", views.wskaznik_sprawdz, name="wskaznik_sprawdz"),
]
