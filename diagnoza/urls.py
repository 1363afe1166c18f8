from django.urls import include, path  # noqa: F401  (helpers add their includes below)

app_name = "diagnoza"

urlpatterns = [
    path("", include("diagnoza.urls_arkusz")),
    path("", include("diagnoza.urls_pdf")),
    path("", include("diagnoza.urls_wyniki")),
    path("", include("diagnoza.urls_szablony")),
    path("", include("diagnoza.urls_zadanie")),
    path("", include("diagnoza.urls_wskazniki")),
    path("", include("diagnoza.urls_zadanie_pdf")),
    path("", include("diagnoza.urls_poglebiona")),
]
