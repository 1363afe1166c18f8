from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from doradztwo import views

urlpatterns = [
    path("", include("raporty.urls")),
    path("", include("jst.urls")),
    path("", include("diagnoza.urls")),
    path("", include("hdr.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("deklaracja-dostepnosci/", views.deklaracja_dostepnosci, name="deklaracja_dostepnosci"),
    path("rodo/", views.rodo, name="rodo"),
    path("rodo/", include("doradztwo.urls_rodo")),
    path("edycje/", include("doradztwo.urls_edycje")),
    path("zadania/", include("doradztwo.urls_zadania")),
    path("koordynatorzy/", views.koordynatorzy, name="koordynatorzy"),
    path("koordynatorzy/<int:pk>/zaproszenie/", views.koordynator_zaproszenie, name="koordynator_zaproszenie"),
    path("obszary/", include("doradztwo.urls_obszary")),
    path("", include("doradztwo.urls_przypomnienia")),
    path("powiadomienia/", include("doradztwo.urls_powiadomienia")),
    path("audyt/", include("doradztwo.urls_audyt")),
    path("admin/", admin.site.urls),
]
