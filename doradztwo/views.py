from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def deklaracja_dostepnosci(request):
    return render(request, "doradztwo/deklaracja_dostepnosci.html")


@login_not_required
@require_GET
def rodo(request):
    return render(request, "doradztwo/rodo.html")
