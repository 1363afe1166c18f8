from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_GET

from doradztwo.access import editions_for, is_admin, is_coordinator
from raporty.pulpit import pulpit_doradcy, pulpit_zespolu, role_startowe
from raporty.teksty import SLOWNICZEK


@require_GET
def start(request):
    """The role's start page: a team sees its participation (next steps, deadlines, what is late, the
    latest public comments), an adviser their JSTs and what waits for them, a coordinator their
    editions with links to each edition's dashboard. A person with several roles sees each section."""
    user = request.user
    context = {"koordynuje": is_coordinator(user), "admin": is_admin(user)}
    if context["koordynuje"]:
        context["edycje"] = editions_for(user).annotate(liczba_jst=Count("udzialy")).order_by("-data_od")
    doradca, w_zespole = role_startowe(user)
    context["zespol"] = pulpit_zespolu(user) if w_zespole else []
    context["doradca"] = pulpit_doradcy(doradca) if doradca else None
    if context["zespol"]:
        context["slowniczek"] = SLOWNICZEK
    return render(request, "raporty/start.html", context)
