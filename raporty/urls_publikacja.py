from django.urls import path

from raporty import views_publikacja

urlpatterns = [
    path("udzialy/<int:pk>/raport/publikacja/", views_publikacja.publikacja, name="publikacja"),
    path("udzialy/<int:pk>/raport/publikacja/wycofaj/", views_publikacja.publikacja_wycofaj,
         name="publikacja_wycofaj"),
    path("udzialy/<int:pk>/raport/publikacja/pdf/", views_publikacja.publikacja_pdf, name="publikacja_pdf"),
    path("dobre-praktyki/", views_publikacja.dobre_praktyki, name="dobre_praktyki"),
    path("dobre-praktyki/<int:pk>/", views_publikacja.dobra_praktyka, name="dobra_praktyka"),
    path("dobre-praktyki/<int:pk>/zdjecia/<int:zid>/", views_publikacja.dobra_praktyka_zdjecie,
         name="dobra_praktyka_zdjecie"),
    path("dobre-praktyki/<int:pk>/pdf/", views_publikacja.dobra_praktyka_pdf, name="dobra_praktyka_pdf"),
]
