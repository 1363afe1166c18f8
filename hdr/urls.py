from django.urls import include, path  # noqa: F401  (each part adds its include below)

app_name = "hdr"

urlpatterns = [
    path("", include("hdr.urls_monitoring")),
    path("", include("hdr.urls_plan")),
    path("", include("hdr.urls_powiazania")),
]
