from django.urls import path

from diagnoza import views_pdf

urlpatterns = [
    path("edycje/<int:pk>/arkusze/pusty.pdf", views_pdf.arkusz_pusty_pdf, name="arkusz_pusty_pdf"),
    path("udzialy/<int:pk>/arkusz/arkusz.pdf", views_pdf.arkusz_pdf, name="arkusz_pdf"),
]
