from django.urls import path, re_path

from diagnoza import views_zadanie as views

P = "udzialy/<int:pk>/zadanie/"

urlpatterns = [
    path(P, views.zadanie, name="zadanie"),
    path(P + "obszary/", views.obszar_dodaj, name="zadanie_obszar_dodaj"),
    path(P + "obszary/<int:obszar_pk>/usun/", views.obszar_usun, name="zadanie_obszar_usun"),
    path(P + "obszary/<int:obszar_pk>/wskazniki/", views.wskazniki_wybierz, name="zadanie_wskazniki"),
    path(P + "obszary/<int:obszar_pk>/wnioski/", views.wnioski, name="zadanie_wnioski"),
    path(P + "obszary/<int:obszar_pk>/tabele/nowa/", views.tabela_nowa, name="tabela_nowa"),
    path(P + "tabele/<int:tabela_pk>/", views.tabela, name="tabela"),
    path(P + "tabele/<int:tabela_pk>/usun/", views.tabela_usun, name="tabela_usun"),
    path(P + "tabele/<int:tabela_pk>/zalacznik/", views.tabela_zalacznik, name="tabela_zalacznik"),
    path(P + "wskazniki/<int:wskaznik_pk>/nowa-wartosc/", views.wartosc_nowa, name="wartosc_nowa"),
    path(P + "wartosci/<int:wartosc_pk>/", views.wartosc, name="wartosc"),
    path(P + "wartosci/<int:wartosc_pk>/usun/", views.wartosc_usun, name="wartosc_usun"),
    re_path(r"^udzialy/(?P<pk>[0-9]+)/zadanie/(?P<akcja>zloz|zwroc|zatwierdz|otworz)/$", views.zmien_stan,
            name="zadanie_stan"),
]
