from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from doradztwo import views

urlpatterns = [
    path("", include("raporty.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("deklaracja-dostepnosci/", views.deklaracja_dostepnosci, name="deklaracja_dostepnosci"),
    path("rodo/", views.rodo, name="rodo"),
    path("admin/", admin.site.urls),
]
