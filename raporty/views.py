from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def start(request):
    """The start page of every signed-in user; role-aware content comes with the programme core."""
    return render(request, "raporty/start.html")
