"""The JST register; included inside the `jst` namespace by jst/urls.py (no app_name here)."""

from django.urls import path

from jst import views_rejestr

urlpatterns = [
    path("jst/", views_rejestr.rejestr, name="rejestr"),
    path("jst/szukaj/", views_rejestr.szukaj, name="szukaj"),
]
