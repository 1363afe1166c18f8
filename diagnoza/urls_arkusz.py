from django.urls import path, re_path

from diagnoza import views

urlpatterns = [
    path("udzialy/<int:pk>/arkusz/", views.arkusz, name="arkusz"),
    path("udzialy/<int:pk>/arkusz/odpowiedz/", views.odpowiedz, name="odpowiedz"),
    re_path(r"^udzialy/(?P<pk>[0-9]+)/arkusz/(?P<akcja>zloz|zwroc|zatwierdz|otworz)/$", views.zmien_stan,
            name="arkusz_stan"),
]
