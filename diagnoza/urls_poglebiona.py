from django.urls import path, re_path

from diagnoza import views_poglebiona as views

P = r"^udzialy/(?P<pk>[0-9]{1,9})/diagnoza-poglebiona/"
R = r"(?P<rodzaj>ustalenia|stany|przyczyny|luki|cele)/"

urlpatterns = [
    path("udzialy/<int:pk>/diagnoza-poglebiona/", views.poglebiona, name="poglebiona"),
    re_path(P + R + r"nowa/$", views.dodaj, name="poglebiona_dodaj"),
    re_path(P + R + r"(?P<poz_pk>[0-9]{1,9})/$", views.pozycja, name="poglebiona_pozycja"),
    re_path(P + R + r"(?P<poz_pk>[0-9]{1,9})/autozapis/$", views.autozapis, name="poglebiona_autozapis"),
    re_path(P + R + r"(?P<poz_pk>[0-9]{1,9})/usun/$", views.usun, name="poglebiona_usun"),
    re_path(P + R + r"(?P<poz_pk>[0-9]{1,9})/przesun/(?P<kierunek>gora|dol)/$", views.przesun,
            name="poglebiona_przesun"),
    re_path(P + r"(?P<akcja>zloz|zwroc|zatwierdz|otworz)/$", views.zmien_stan, name="poglebiona_stan"),
]
