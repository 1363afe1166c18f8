"""Remote advice and the hour grids (issue 8). Included into the `jst` namespace by jst/urls.py."""

from django.urls import path

from jst import views_zdalne as views

urlpatterns = [
    path("doradcy/moje-wpisy/", views.moje_wpisy, name="moje_wpisy"),
    path("doradcy/moje-wpisy/nowy/", views.wpis_nowy, name="wpis_zdalny_nowy"),
    path("doradcy/moje-wpisy/<int:pk>/edytuj/", views.wpis_edytuj, name="wpis_zdalny_edytuj"),
    path("doradcy/moje-wpisy/<int:pk>/usun/", views.wpis_usun, name="wpis_zdalny_usun"),
    path("doradcy/moje-godziny/", views.moje_godziny, name="moje_godziny"),
    path("udzialy/<int:pk>/wpisy-zdalne/", views.wpisy_udzialu_view, name="wpisy_zdalne_udzialu"),
    path("edycje/<int:pk>/godziny/", views.godziny_edycji, name="godziny_edycji"),
]
