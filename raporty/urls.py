from django.urls import include, path

from raporty import views

app_name = "raporty"

urlpatterns = [
    path("", views.start, name="start"),
    path("", include("raporty.urls_eksporty")),
    path("", include("raporty.urls_raport")),
    path("", include("raporty.urls_publikacja")),
    path("", include("raporty.urls_podsumowanie")),
    path("", include("raporty.urls_pulpit")),
]
