from django.urls import include, path

from raporty import views

app_name = "raporty"

urlpatterns = [
    path("", views.start, name="start"),
    path("", include("raporty.urls_eksporty")),
]
