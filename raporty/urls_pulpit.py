from django.urls import path

from raporty import views_pulpit

urlpatterns = [
    path("edycje/<int:pk>/pulpit/", views_pulpit.pulpit_edycji, name="pulpit_edycji"),
    path("edycje/<int:pk>/pulpit/godziny/", views_pulpit.pulpit_godziny, name="pulpit_godziny"),
    path("edycje/<int:pk>/pulpit/liczby/", views_pulpit.pulpit_liczby, name="pulpit_liczby"),
]
