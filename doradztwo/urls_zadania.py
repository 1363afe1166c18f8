from django.urls import path

from doradztwo import views_zadania as views

app_name = "zadania"

urlpatterns = [
    path("<int:pk>/", views.zadanie, name="zadanie"),
    path("<int:pk>/plik/", views.plik, name="plik"),
    path("<int:pk>/ponow/", views.ponow, name="ponow"),
]
