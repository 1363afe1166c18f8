from django.urls import path

from doradztwo import views_edycje as views

app_name = "edycje"

urlpatterns = [
    path("", views.lista, name="lista"),
    path("nowa/", views.nowa, name="nowa"),
    path("<int:pk>/", views.szczegoly, name="szczegoly"),
    path("<int:pk>/edytuj/", views.edytuj, name="edytuj"),
    path("<int:pk>/kalendarz/", views.kalendarz, name="kalendarz"),
    path("<int:pk>/kopiuj/", views.kopiuj, name="kopiuj"),
    path("<int:pk>/status/", views.status, name="status"),
]
