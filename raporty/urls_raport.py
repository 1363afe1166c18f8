from django.urls import path, re_path

from raporty import views_raport as views

P = "udzialy/<int:pk>/raport/"
R = r"^udzialy/(?P<pk>[0-9]{1,9})/raport/"
K = r"sekcje/(?P<klucz>[a-z_]{1,40})/"

urlpatterns = [
    path(P, views.raport, name="raport"),
    path(P + "rozpocznij/", views.rozpocznij, name="raport_rozpocznij"),
    path(P + "dane/", views.dane, name="raport_dane"),
    re_path(R + K + r"$", views.sekcja, name="raport_sekcja"),
    re_path(R + K + r"autozapis/$", views.sekcja_autozapis, name="raport_sekcja_autozapis"),
    path(P + "dokumenty/", views.dokumenty, name="raport_dokumenty"),
    path(P + "wywiad/nowe/", views.pytanie_dodaj, name="raport_pytanie_dodaj"),
    path(P + "wywiad/<int:pytanie_pk>/", views.pytanie, name="raport_pytanie"),
    path(P + "wywiad/<int:pytanie_pk>/autozapis/", views.pytanie_autozapis, name="raport_pytanie_autozapis"),
    path(P + "wywiad/<int:pytanie_pk>/usun/", views.pytanie_usun, name="raport_pytanie_usun"),
    re_path(R + r"wywiad/(?P<pytanie_pk>[0-9]{1,9})/przesun/(?P<kierunek>gora|dol)/$", views.pytanie_przesun,
            name="raport_pytanie_przesun"),
    path(P + "zdjecia/", views.zdjecia, name="raport_zdjecia"),
    path(P + "zdjecia/<int:zdjecie_pk>/", views.zdjecie, name="raport_zdjecie"),
    path(P + "zdjecia/<int:zdjecie_pk>/usun/", views.zdjecie_usun, name="raport_zdjecie_usun"),
    re_path(R + r"zdjecia/(?P<zdjecie_pk>[0-9]{1,9})/przesun/(?P<kierunek>gora|dol)/$", views.zdjecie_przesun,
            name="raport_zdjecie_przesun"),
    re_path(R + r"(?P<akcja>zloz|zwroc|zatwierdz|otworz)/$", views.zmien_stan, name="raport_stan"),
    path("edycje/<int:pk>/raporty/", views.raporty_edycji, name="raporty_edycji"),
]
