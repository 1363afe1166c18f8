from django.urls import path

from doradztwo import views_powiadomienia as views

app_name = "powiadomienia"

urlpatterns = [
    path("", views.lista, name="lista"),
    path("przeczytane/", views.wszystkie_przeczytane, name="wszystkie_przeczytane"),
    path("<int:pk>/przeczytane/", views.przeczytane, name="przeczytane"),
]
