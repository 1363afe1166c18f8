from django.urls import path

from doradztwo import views_obszary

app_name = "obszary"

urlpatterns = [
    path("", views_obszary.lista, name="lista"),
    path("<int:pk>/", views_obszary.szczegoly, name="szczegoly"),
    path("<int:pk>/edytuj/", views_obszary.edytuj, name="edytuj"),
]
