"""The administrator's personal-data pages. `/rodo/` itself is the public klauzula informacyjna
(`doradztwo.views.rodo`, name "rodo"); these live under it in their own namespace:
`path("rodo/", include("doradztwo.urls_rodo")),` in doradztwo/urls.py."""

from django.urls import path

from doradztwo import views_rodo as views

app_name = "rodo_admin"

urlpatterns = [
    path("osoby/", views.osoby, name="osoby"),
    path("osoby/<int:pk>/", views.osoba, name="osoba"),
    path("osoby/<int:pk>/eksport/<slug:typ>/", views.eksport, name="eksport"),
    path("osoby/<int:pk>/anonimizacja/", views.anonimizacja, name="anonimizacja"),
    path("retencja/", views.retencja, name="retencja"),
    path("retencja/<slug:kod>/", views.retencja_rodzaj, name="retencja_rodzaj"),
]
