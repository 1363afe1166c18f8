"""The seeded content of the 12 areas (obszary doradztwa), written from domain-details.md §3.

This is data, not UI text: coordinators maintain it in the catalogue editor, so it is not in
gettext. The data migration 0002_obszary creates only the codes that do not exist yet, so edits
made in the app are never overwritten. Codes are the stable keys (the numbering differs between
sources); `nazwa` is the S3 wording. Legal references: PO = Prawo oświatowe, KN = Karta
Nauczyciela, u.s.o. = ustawa o systemie oświaty.
"""

OBSZARY: list[dict] = [
    {
        "kod": "planowanie",
        "numer": 1,
        "nazwa": "Analizowanie potrzeb i planowanie realizacji założonej wizji rozwoju lokalnego systemu "
                 "oświaty",
        "opis": "Rozpoznanie potrzeb lokalnej oświaty i zaplanowanie, jak urzeczywistnić przyjętą wizję "
                "jej rozwoju. Gmina nie ma obowiązku przyjęcia strategii oświatowej — to jej dobrowolna "
                "decyzja.",
        "zadania": [
            "Diagnoza lokalnego systemu oświaty, w tym sytuacji demograficznej i prognoz liczby uczniów",
            "Określenie wizji rozwoju oświaty i celów strategicznych",
            "Planowanie sieci szkół",
            "Planowanie wspomagania szkół ukierunkowanego na rozwój kompetencji kluczowych uczniów",
        ],
        "narzedzia_zarzadcze": [
            "Strategia rozwoju oświaty lub lokalny plan rozwoju oświaty",
            "Etapy prac nad strategią: wizja i misja ze wskaźnikami, zebranie i analiza danych, analiza "
            "SWOT, kwestie kluczowe, cele strategiczne, sposoby ich osiągnięcia (działania wybrane na "
            "podstawie rachunku kosztów i korzyści)",
            "Typowa zawartość strategii: diagnoza, analiza SWOT, prognoza demograficzna i oświatowa, wizja "
            "i misja, cele i działania, harmonogram, źródła finansowania",
            "Plan sieci szkół i granice obwodów szkół przyjmowane uchwałami",
            "Lokalne plany rozwoju oświaty oraz wspomagania szkół opracowane przez 30 JST w pilotażu "
            "pierwszego etapu projektu (ORE, 2018)",
        ],
        "narzedzia_rozwoju": [
            "Mapa interesariuszy",
            "Warsztat wypracowania wspólnej wizji prowadzony przez facylitatora",
            "Drzewo problemów i drzewo celów",
            "Techniki dochodzenia do konsensusu",
        ],
    },
    {
        "kod": "monitorowanie-jakosci",
        "numer": 2,
        "nazwa": "Monitorowanie jakości usług edukacyjnych",
        "opis": "Systematyczne zbieranie i interpretowanie danych o wynikach i warunkach kształcenia "
                "oraz porównywanie ich z danymi podobnych JST.",
        "zadania": [
            "Zbieranie danych o wynikach kształcenia i warunkach pracy szkół",
            "Interpretowanie zebranych danych i wyciąganie z nich wniosków",
            "Porównywanie wyników z wynikami podobnych JST",
        ],
        "narzedzia_zarzadcze": [
            "Zestawy wskaźników oświatowych, np. średnia liczebność oddziału, liczba uczniów na etat "
            "nauczycielski, bieżące wydatki oświatowe na ucznia",
            "Wyniki egzaminów zewnętrznych: egzaminu ósmoklasisty i matury",
            "Edukacyjna wartość dodana (EWD) — wymaga co najmniej dwóch pomiarów, na początku i na końcu "
            "etapu kształcenia, dzięki czemu oddziela wkład szkoły od poziomu uczniów na starcie",
            "Systemy porównawcze: System Analiz Samorządowych (SAS) Związku Miast Polskich, przebudowywany "
            "w System Monitorowania Usług Publicznych (SMUP)",
            "Wskaźniki odniesienia opracowane przez zespół Uniwersytetu Warszawskiego",
            "Coroczna informacja o stanie realizacji zadań oświatowych",
        ],
        "narzedzia_rozwoju": [
            "Spotkania z dyrektorami poświęcone wspólnej rozmowie o danych",
            "Omawianie wyników metodą dyskusji zogniskowanej (ORID)",
            "Kultura informacji zwrotnej",
        ],
    },
    {
        "kod": "zarzadzanie",
        "numer": 3,
        "nazwa": "Zarządzanie oświatą na poziomie organu prowadzącego",
        "opis": "Organizacja pracy wydziału lub jednostki odpowiedzialnej za oświatę w JST: procedury, "
                "interpretacja przepisów oraz obsługa administracyjna, finansowa i organizacyjna szkół.",
        "zadania": [
            "Organizacja wydziału lub jednostki obsługującej oświatę",
            "Opracowanie i ujednolicenie procedur",
            "Interpretowanie przepisów prawa: oświatowego, pracy, administracyjnego, zamówień publicznych "
            "i podatkowego",
            "Zapewnienie szkołom obsługi administracyjnej, finansowej i organizacyjnej",
        ],
        "narzedzia_zarzadcze": [
            "Centrum usług wspólnych (CUW) — od 1 stycznia 2016 r. znowelizowana ustawa o samorządzie "
            "gminnym ułatwia jego utworzenie",
            "Zarząd oświaty jako jednostka budżetowa zapewniająca szkołom obsługę "
            "ekonomiczno-administracyjną",
            "Informacja o stanie realizacji zadań oświatowych, przedstawiana co roku radzie przez wójta "
            "(burmistrza, prezydenta miasta) lub zarząd powiatu — do 31 października, za poprzedni rok "
            "szkolny (art. 11 ust. 7 PO)",
            "Ujednolicone procedury i informatyzacja zarządzania oświatą",
            "System Informacji Oświatowej (SIO) jako podstawowe źródło danych",
        ],
        "narzedzia_rozwoju": [
            "Kodeks etyczny zespołu",
            "Analiza ról w zespole",
            "Mapowanie procesów",
        ],
    },
    {
        "kod": "budzet",
        "numer": 4,
        "nazwa": "Planowanie budżetowe",
        "opis": "Planowanie budżetu oświaty: zrównoważenie części oświatowej subwencji ogólnej "
                "z dochodami własnymi JST oraz finansowanie placówek niepublicznych.",
        "zadania": [
            "Zaplanowanie budżetu oświaty",
            "Zrównoważenie części oświatowej subwencji ogólnej z dochodami własnymi JST",
            "Dotowanie szkół i placówek niepublicznych",
            "Współpraca przy budżecie: dyrektorzy przygotowują arkusz organizacji, a potem wniosek lub plan "
            "finansowy; dalej pracują urzędnicy JST, wójt (burmistrz, prezydent miasta, zarząd) i rada",
        ],
        "narzedzia_zarzadcze": [
            "Analiza wydatków na wynagrodzenia nauczycieli (art. 30a KN) — co roku do 20 stycznia, za "
            "poprzedni rok, w odniesieniu do średnich wynagrodzeń i średniorocznej struktury zatrudnienia "
            "według stopni awansu zawodowego",
            "Arkusz organizacji szkoły (oddziały, uczniowie, kadra, godziny, biblioteka, świetlica, "
            "internat, pomoc psychologiczno-pedagogiczna) jako podstawa planu finansowego",
            "Kalkulator subwencji oraz wyliczanie dotacji dla szkół prowadzonych przez inne podmioty "
            "(Matryca FIO)",
            "Budżet zadaniowy",
            "Wytyczne do arkuszy organizacyjnych, np. zasady podziału środków w przeliczeniu na ucznia",
        ],
        "narzedzia_rozwoju": [
            "Wspólne warsztaty budżetowe z dyrektorami",
            "Szkolenie z negocjacji",
            "Szkolenie z komunikacji",
        ],
    },
    {
        "kod": "partnerzy",
        "numer": 5,
        "nazwa": "Udział mieszkańców/partnerów w usługach edukacyjnych",
        "opis": "Włączanie mieszkańców, organizacji pozarządowych, pracodawców i innych partnerów "
                "w planowanie i realizację usług edukacyjnych.",
        "zadania": [
            "Włączanie mieszkańców w planowanie i realizację usług edukacyjnych",
            "Współpraca z organizacjami pozarządowymi, pracodawcami i innymi partnerami społecznymi",
            "Angażowanie radnych z komisji oświaty i partnerów społecznych w prace nad lokalną polityką "
            "oświatową",
        ],
        "narzedzia_zarzadcze": [
            "Gminna lub powiatowa rada oświatowa (art. 80 PO)",
            "Konsultacje społeczne",
            "Debaty o lokalnej oświacie",
            "Granty dla organizacji pozarządowych i lokalne partnerstwa",
            "Budżet obywatelski",
        ],
        "narzedzia_rozwoju": [
            "Facylitacja debat i spotkań z mieszkańcami",
            "Porozumienia partnerskie",
            "Warsztaty z partycypacji społecznej",
        ],
    },
    {
        "kod": "rodzice",
        "numer": 6,
        "nazwa": "Udział rodziców w planowaniu, realizacji i ocenie usług edukacyjnych",
        "opis": "Angażowanie rodziców w planowanie, realizację i ocenę usług edukacyjnych — w szkołach "
                "i na poziomie JST.",
        "zadania": [
            "Włączanie rodziców w planowanie usług edukacyjnych",
            "Włączanie rodziców w realizację usług edukacyjnych",
            "Zasięganie opinii rodziców w ocenie usług edukacyjnych",
        ],
        "narzedzia_zarzadcze": [
            "Rada rodziców — działa obowiązkowo w każdej szkole publicznej i przedszkolu; jej uchwały są "
            "wiążące tylko w nielicznych sprawach",
            "Ankiety wśród rodziców",
            "Rady rodziców na poziomie gminy",
            "Wspólne programy szkół, rodziców i JST",
        ],
        "narzedzia_rozwoju": [
            "Komunikacja z rodzicami",
            "Warsztaty partycypacyjne z udziałem rodziców",
            "Facylitacja spotkań z rodzicami",
        ],
    },
    {
        "kod": "dyrektor",
        "numer": 7,
        "nazwa": "Rola dyrektora i relacje z organem prowadzącym",
        "opis": "Wyłanianie, powierzanie stanowiska, wynagradzanie i ocena dyrektorów szkół oraz "
                "budowanie partnerskich relacji między dyrektorami a organem prowadzącym.",
        "zadania": [
            "Wyłonienie kandydata i powierzenie stanowiska dyrektora",
            "Ustalanie wynagrodzenia dyrektora",
            "Ocena pracy dyrektora",
            "Budowanie partnerskiej współpracy z dyrektorami",
        ],
        "narzedzia_zarzadcze": [
            "Konkurs na stanowisko dyrektora organizowany przez organ prowadzący; w komisji zasiadają "
            "przedstawiciele organu prowadzącego, organu nadzoru pedagogicznego (kuratora oświaty), rady "
            "pedagogicznej, rady rodziców i związków zawodowych",
            "Powierzenie stanowiska na 5 lat szkolnych od 1 września (w uzasadnionych przypadkach na "
            "krócej); bez konkursu tylko wtedy, gdy nikt się nie zgłosił albo konkurs nie wyłonił "
            "kandydata",
            "Czynności z zakresu prawa pracy wobec dyrektora: wykonuje je wójt (burmistrz, prezydent "
            "miasta), zarząd powiatu lub zarząd województwa",
            "Dodatek funkcyjny i motywacyjny według lokalnego regulaminu wynagradzania",
            "Ocena pracy dyrektora",
        ],
        "narzedzia_rozwoju": [
            "Rozwój przywództwa",
            "Coaching",
            "Regularne spotkania dyrektorów z organem prowadzącym według ustalonego porządku",
        ],
    },
    {
        "kod": "wspomaganie",
        "numer": 8,
        "nazwa": "System wspomagania szkół – doskonalenie nauczycieli",
        "opis": "Organizacja i finansowanie procesowego wspomagania szkół oraz doskonalenia zawodowego "
                "nauczycieli.",
        "zadania": [
            "Organizowanie procesowego wspomagania szkół",
            "Organizowanie doskonalenia zawodowego nauczycieli",
            "Finansowanie wspomagania szkół i doskonalenia nauczycieli",
        ],
        "narzedzia_zarzadcze": [
            "Plan dofinansowania form doskonalenia zawodowego nauczycieli — przygotowany przez organ "
            "prowadzący po zasięgnięciu opinii dyrektorów i związków zawodowych, z uwzględnieniem "
            "priorytetów kuratora oświaty",
            "Współpraca z placówkami doskonalenia nauczycieli, poradniami psychologiczno-pedagogicznymi "
            "i bibliotekami pedagogicznymi",
            "Sieci współpracy i samokształcenia",
        ],
        "narzedzia_rozwoju": [
            "Wzajemne uczenie się (peer learning)",
            "Superwizja",
            "Indywidualny plan rozwoju (IPR)",
        ],
    },
    {
        "kod": "doradztwo-zawodowe",
        "numer": 9,
        "nazwa": "Organizacja doradztwa zawodowego dla uczniów",
        "opis": "Zapewnienie, by przedszkola i szkoły prowadziły doradztwo zawodowe na każdym etapie "
                "edukacji.",
        "zadania": [
            "Zapewnienie realizacji doradztwa zawodowego w przedszkolach i szkołach",
            "Wspieranie szkół w budowaniu wewnątrzszkolnego systemu doradztwa zawodowego",
            "Nawiązywanie współpracy szkół z pracodawcami i powiatowym urzędem pracy",
        ],
        "narzedzia_zarzadcze": [
            "Rozporządzenie MEN z 12 lutego 2019 r. w sprawie doradztwa zawodowego (wcześniej rozporządzenie "
            "z 16 sierpnia 2018 r.)",
            "Trzy poziomy: preorientacja zawodowa (przedszkole, klasy I–III), orientacja zawodowa "
            "(klasy IV–VI), doradztwo zawodowe (klasy VII–VIII i szkoły ponadpodstawowe)",
            "Wewnątrzszkolny system doradztwa zawodowego",
            "Partnerstwa z pracodawcami i powiatowym urzędem pracy (PUP)",
        ],
        "narzedzia_rozwoju": [
            "Współpraca z pracodawcami",
            "Warsztaty kariery dla kadry",
            "Sieć współpracy i samokształcenia doradców zawodowych",
        ],
    },
    {
        "kod": "niepelnosprawnosc",
        "numer": 10,
        "nazwa": "Organizacja wsparcia uczniów z niepełnosprawnością oraz uczniów z trudnościami w nauce",
        "opis": "Organizacja kształcenia specjalnego, pomocy psychologiczno-pedagogicznej i dowozu "
                "uczniów z niepełnosprawnością oraz uczniów z trudnościami w nauce.",
        "zadania": [
            "Organizacja kształcenia specjalnego",
            "Organizacja pomocy psychologiczno-pedagogicznej",
            "Zapewnienie uczniom dowozu do szkół",
        ],
        "narzedzia_zarzadcze": [
            "Bezpłatny transport i opieka w czasie przewozu uczniów z niepełnosprawnością do najbliższej "
            "szkoły podstawowej (art. 39 ust. 4 PO)",
            "Bezpłatny transport do najbliższej szkoły ponadpodstawowej uczniów z niepełnosprawnością "
            "ruchową, z afazją oraz z niepełnosprawnością intelektualną w stopniu umiarkowanym lub "
            "znacznym — do końca roku szkolnego w roku kalendarzowym, w którym uczeń kończy 21 lat",
            "Dowóz do ośrodków rewalidacyjno-wychowawczych — do końca roku szkolnego w roku "
            "kalendarzowym, w którym uczeń kończy 24 lata (niepełnosprawności sprzężone, z których jedną "
            "jest niepełnosprawność intelektualna) lub 25 lat (niepełnosprawność intelektualna w stopniu "
            "głębokim)",
            "Dowóz organizowany przez gminę albo zwrot kosztów przewozu rodzicom na podstawie umowy "
            "z wójtem (burmistrzem, prezydentem miasta) — wybór należy do rodziców",
            "Obowiązek zapewnienia dowozu, gdy droga ucznia do szkoły przekracza 3 km (klasy I–IV) lub "
            "4 km (klasy V–VIII) (art. 39 ust. 2–3 PO)",
            "Orzeczenia i opinie poradni psychologiczno-pedagogicznych; oddziały integracyjne i specjalne",
        ],
        "narzedzia_rozwoju": [
            "Szkolenia z edukacji włączającej",
            "Konferencje przypadków",
            "Superwizja",
        ],
    },
    {
        "kod": "uzdolnieni",
        "numer": 11,
        "nazwa": "Organizacja wsparcia uczniów szczególnie uzdolnionych",
        "opis": "Tworzenie warunków do rozwoju uczniów szczególnie uzdolnionych: indywidualne programy "
                "i toki nauki, zajęcia rozwijające zainteresowania i lokalne stypendia.",
        "zadania": [
            "Zapewnienie opieki uczniom szczególnie uzdolnionym, w tym możliwości realizacji "
            "indywidualnych programów lub toku nauki i ukończenia szkoły w skróconym czasie",
            "Organizowanie zajęć pozalekcyjnych i zajęć rozwijających zainteresowania i uzdolnienia",
            "Przyjęcie lokalnego programu wspierania edukacji uzdolnionych dzieci i młodzieży "
            "i przyznawanie stypendiów",
        ],
        "narzedzia_zarzadcze": [
            "Opieka nad uczniami szczególnie uzdolnionymi przez indywidualne programy nauczania "
            "i ukończenie szkoły w skróconym czasie (art. 1 pkt 8 PO)",
            "Zajęcia pozalekcyjne (art. 1 pkt 20 PO) oraz zajęcia rozwijające zainteresowania i uzdolnienia "
            "(art. 109 ust. 1 pkt 6 PO)",
            "Indywidualny program lub tok nauki pod opieką nauczyciela-opiekuna (art. 115 PO): zezwala na "
            "niego dyrektor po zasięgnięciu opinii rady pedagogicznej i poradni "
            "psychologiczno-pedagogicznej; odmowa następuje w drodze decyzji administracyjnej",
            "Rekrutacja do placówek pozaszkolnych (art. 144 PO)",
            "Lokalny program wyrównywania szans edukacyjnych albo wspierania edukacji uzdolnionych dzieci "
            "i młodzieży (art. 90t u.s.o.), przyjmowany przez radę gminy, radę powiatu lub sejmik "
            "województwa — w praktyce zwykle dwiema uchwałami",
            "Stypendia motywacyjne: za wyniki w nauce lub osiągnięcia sportowe, stypendium Prezesa Rady "
            "Ministrów, ministra właściwego do spraw oświaty i wychowania, ministra właściwego do spraw "
            "kultury",
        ],
        "narzedzia_rozwoju": [
            "Szkolenia z rozpoznawania uzdolnień",
            "Sieci mentorskie",
            "Sieć współpracy i samokształcenia nauczycieli pracujących z uczniami zdolnymi",
        ],
    },
    {
        "kod": "zasoby-materialne",
        "numer": 12,
        "nazwa": "Gospodarowanie zasobami materialnymi systemu oświaty",
        "opis": "Zapewnienie szkołom warunków materialnych i obsługi (art. 10 ust. 1 PO) oraz kształtowanie "
                "sieci szkół — w granicach, które wyznaczają przepisy.",
        "zadania": [
            "Zapewnienie bezpiecznych i higienicznych warunków nauki, wychowania i opieki",
            "Zapewnienie warunków do specjalnej organizacji nauki uczniów objętych kształceniem specjalnym",
            "Remonty obiektów szkolnych i zadania inwestycyjne",
            "Zapewnienie szkołom obsługi administracyjnej, prawnej i finansowej",
            "Wyposażenie szkół w pomoce dydaktyczne i sprzęt potrzebne do realizacji programów nauczania, "
            "programów wychowawczo-profilaktycznych i przeprowadzania egzaminów",
            "Wykonywanie czynności z zakresu prawa pracy wobec dyrektora",
        ],
        "narzedzia_zarzadcze": [
            "Kształtowanie sieci szkół (art. 39 PO)",
            "Przekazanie szkoły liczącej nie więcej niż 70 uczniów innemu podmiotowi — osobie prawnej lub "
            "fizycznej — na podstawie umowy (art. 9 PO)",
            "Likwidacja lub przekształcenie szkoły (art. 89 PO)",
            "Plan remontów i inwestycji oraz koszt utrzymania budynków w przeliczeniu na ucznia",
        ],
        "narzedzia_rozwoju": [
            "Zarządzanie zmianą",
            "Komunikacja ze społecznością lokalną przy zmianach w sieci szkół",
            "Konsultacje i debaty przed decyzjami o sieci szkół",
        ],
    },
]
