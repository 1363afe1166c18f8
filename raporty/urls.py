from django.urls import path

from raporty import views

app_name = "raporty"

urlpatterns = [
    path("", views.start, name="start"),
]
