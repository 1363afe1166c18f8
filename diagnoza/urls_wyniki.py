from django.urls import path

from diagnoza import views_wyniki

urlpatterns = [
    path("udzialy/<int:pk>/arkusz/wyniki/", views_wyniki.wyniki, name="wyniki"),
    path("udzialy/<int:pk>/arkusz/obszar/", views_wyniki.wybor_obszaru, name="wybor_obszaru"),
    path("edycje/<int:pk>/arkusze/", views_wyniki.przeglad_edycji, name="przeglad_edycji"),
]
