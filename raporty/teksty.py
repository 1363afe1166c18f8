"""Texts of the team's start page: what to do now at each stage, and a short glossary."""

from django.utils.translation import gettext_lazy as _

CO_TERAZ = {
    "zgloszony": _("Koordynator kompletuje Wasz zespół (3–5 osób: pracownicy JST i dyrektorzy szkół). "
                   "Sprawdźcie, czy wszyscy członkowie zespołu ustawili hasło i mogą się zalogować."),
    "zespol_zatwierdzony": _("Wypełnijcie arkusz diagnostyczny: oceńcie stan lokalnej oświaty w 12 obszarach."),
    "arkusz_zlozony": _("Na podstawie wyników arkusza wybierzcie jeden obszar, którym zajmiecie się w programie."),
    "obszar_wybrany": _("Zbierzcie dane: wybierzcie 2 z 7 obszarów zasobów i po 2 wskaźniki w każdym. "
                        "Doradcy wspierają Was zdalnie."),
    "dane_zebrane": _("Przygotujcie się do pierwszego spotkania doradczego w JST (2 dni): „Jak jest?” "
                      "i „Jak chcemy, żeby było?”."),
    "spotkanie_1": _("Przeprowadźcie diagnozę pogłębioną: przyczyny i luka rozwojowa."),
    "diagnoza_poglebiona": _("Przygotujcie się do drugiego spotkania w JST, na którym powstanie HDR."),
    "spotkanie_2": _("Dopracujcie harmonogram działań rozwojowych (HDR) i przekażcie go do zatwierdzenia."),
    "hdr_zatwierdzony": _("Rozpocznijcie wdrażanie działań z HDR."),
    "wdrazanie": _("Wdrażajcie HDR i odnotowujcie postępy. Zaplanujcie formę raportu końcowego."),
    "raport_zlozony": _("Raport końcowy jest u koordynatora. Czekajcie na jego uwagi lub akceptację."),
    "zakonczony": _("Udział zakończony. Dziękujemy za udział w programie!"),
}

SLOWNICZEK = [
    (_("JST"), _("jednostka samorządu terytorialnego: gmina, powiat, miasto na prawach powiatu, województwo.")),
    (_("ROS"), _("ekspert ds. rozwoju oświaty samorządowej — doradca z doświadczeniem samorządowym, "
                 "od rozwiązań zarządczych.")),
    (_("PRO"), _("ekspert ds. personalnego rozwoju organizacji — doradca od kultury zespołu, "
                 "kompetencji miękkich i refleksji.")),
    (_("Arkusz diagnostyczny"), _("wstępna diagnoza stanu lokalnej oświaty w 12 obszarach; "
                                  "na jej podstawie JST wybiera obszar wsparcia.")),
    (_("Diagnoza pogłębiona"), _("Jak jest? → Jak chcemy, żeby było? → Co powoduje, że nie mamy stanu "
                                 "docelowego? → luka rozwojowa.")),
    (_("Luka rozwojowa"), _("różnica między stanem obecnym a docelowym, którą zespół chce zmniejszyć.")),
    (_("HDR"), _("harmonogram działań rozwojowych — plan działań, które JST wdraża po diagnozie.")),
]
