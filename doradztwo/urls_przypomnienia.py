"""Reminder settings: an edition's rules and sent log (coordinators), one's own opt-outs (everyone).
Included at the root: `path("", include("doradztwo.urls_przypomnienia"))`."""

from django.urls import path

from doradztwo import views_przypomnienia as views

app_name = "przypomnienia"

urlpatterns = [
    path("edycje/<int:pk>/przypomnienia/", views.edycja, name="edycja"),
    path("edycje/<int:pk>/przypomnienia/<slug:rodzaj>/", views.regula, name="regula"),
    path("powiadomienia/ustawienia/", views.ustawienia, name="ustawienia"),
]
