from django.db.models import Count, Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_GET

from doradztwo.access import editions_for, is_admin, is_coordinator
from jst.access import active_assignment_q
from jst.models import CzlonekZespolu, PrzydzialDoradcy, Udzial
from raporty.teksty import CO_TERAZ, SLOWNICZEK


def _for_team(user):
    udzialy = list(
        Udzial.objects.filter(zespol__uzytkownik=user, zespol__aktywny=True).distinct()
        .select_related("jst", "edycja")
        .prefetch_related(
            Prefetch("przydzialy", queryset=PrzydzialDoradcy.objects.filter(active_assignment_q())
                     .select_related("doradca__uzytkownik"), to_attr="aktualne_przydzialy"),
            Prefetch("zespol", queryset=CzlonekZespolu.objects.filter(aktywny=True).select_related("uzytkownik")
                     .order_by("-lider", "uzytkownik__last_name"), to_attr="aktywni"),
            "edycja__kalendarz", "edycja__koordynatorzy",
        )
    )
    for u in udzialy:
        u.co_teraz = CO_TERAZ.get(u.etap, "")
    return udzialy


def _for_adviser(user):
    return (
        Udzial.objects.filter(przydzialy__in=PrzydzialDoradcy.objects.filter(
            active_assignment_q(), doradca__uzytkownik=user))
        .distinct().select_related("jst", "edycja")
        .prefetch_related(Prefetch("przydzialy", queryset=PrzydzialDoradcy.objects.filter(
            active_assignment_q()).select_related("doradca__uzytkownik"), to_attr="aktualne_przydzialy"))
        .order_by("edycja__data_od", "jst__nazwa")
    )


@require_GET
def start(request):
    """The role's start page: a team sees its participation, an adviser their JSTs, a coordinator
    their editions. A person with several roles sees each section."""
    user = request.user
    context = {"koordynuje": is_coordinator(user), "admin": is_admin(user)}
    if context["koordynuje"]:
        context["edycje"] = editions_for(user).annotate(liczba_jst=Count("udzialy")).order_by("-data_od")
    context["udzialy_zespolu"] = _for_team(user)
    context["udzialy_doradcy"] = list(_for_adviser(user))
    if context["udzialy_zespolu"]:
        context["slowniczek"] = SLOWNICZEK
    return render(request, "raporty/start.html", context)
