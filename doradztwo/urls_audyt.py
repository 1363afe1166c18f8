from django.urls import path

from doradztwo import views_audyt

app_name = "audyt"

urlpatterns = [
    path("", views_audyt.lista, name="lista"),
]
