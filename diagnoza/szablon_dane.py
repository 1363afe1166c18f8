"""Treść arkusza diagnostycznego (diagnoza wstępna) programu „Doradztwo dla JST”.

Stwierdzenia są propozycją [P] opartą na opisie zadań i narzędzi 12 obszarów
(domain-details §3.2); oryginalny arkusz ORE nie był dostępny.
"""

SKALA = [
    (1, "zdecydowanie nie"),
    (2, "raczej nie"),
    (3, "raczej tak"),
    (4, "zdecydowanie tak"),
]

NIE_WIEM = "nie dotyczy / nie wiem"

SZABLON = {
    "nazwa": "Arkusz diagnostyczny — diagnoza wstępna",
    "opis": (
        "Arkusz służy do wstępnej diagnozy lokalnego systemu oświaty i pomaga zespołowi JST "
        "wybrać jeden z 12 obszarów, nad którym będzie pracować w ramach doradztwa. "
        "Każda osoba z zespołu wypełnia arkusz samodzielnie: przy każdym stwierdzeniu zaznacz, "
        "w jakim stopniu się z nim zgadzasz, myśląc o tym, jak jest teraz, a nie o planach. "
        "Jeśli stwierdzenie nie dotyczy Waszej JST albo nie masz o nim wiedzy, "
        "wybierz „nie dotyczy / nie wiem”."
    ),
    "sekcje": [
        {
            "obszar": "planowanie",
            "tytul": "1. Analizowanie potrzeb i planowanie realizacji założonej wizji rozwoju lokalnego systemu oświaty",
            "opis": "Pytamy o to, czy JST rozpoznaje potrzeby oświatowe i planuje rozwój lokalnej oświaty na podstawie wspólnie przyjętej wizji.",
            "pytania": [
                {
                    "kod": "o01-p1",
                    "tresc": "Mamy aktualną diagnozę lokalnego systemu oświaty, która obejmuje prognozę demograficzną.",
                    "pomoc": "Np. liczba dzieci w kolejnych rocznikach, prognoza liczby uczniów, dane z SIO.",
                },
                {
                    "kod": "o01-p2",
                    "tresc": "W JST obowiązuje przyjęty dokument strategiczny dla oświaty.",
                    "pomoc": "Np. strategia rozwoju oświaty lub lokalny plan rozwoju oświaty; jego przyjęcie nie jest obowiązkowe — oceńcie stan faktyczny.",
                },
                {
                    "kod": "o01-p3",
                    "tresc": "Cele zapisane w naszym dokumencie strategicznym dla oświaty mają określone wskaźniki realizacji.",
                    "pomoc": "",
                },
                {
                    "kod": "o01-p4",
                    "tresc": "Plan sieci szkół uwzględnia prognozę liczby uczniów na najbliższe lata.",
                    "pomoc": "",
                },
                {
                    "kod": "o01-p5",
                    "tresc": "Dyrektorzy szkół współtworzą wizję rozwoju lokalnej oświaty.",
                    "pomoc": "Np. poprzez udział w warsztatach, zespołach roboczych lub konsultacjach dokumentu.",
                },
                {
                    "kod": "o01-p6",
                    "tresc": "Co najmniej raz w roku wspólnie z dyrektorami sprawdzamy, w jakim stopniu realizujemy przyjęte cele rozwoju oświaty.",
                    "pomoc": "",
                },
            ],
        },
        {
            "obszar": "monitorowanie-jakosci",
            "tytul": "2. Monitorowanie jakości usług edukacyjnych",
            "opis": "Pytamy o to, czy JST systematycznie zbiera, analizuje i wykorzystuje dane o wynikach i warunkach kształcenia.",
            "pytania": [
                {
                    "kod": "o02-p1",
                    "tresc": "Co roku analizujemy wyniki egzaminów zewnętrznych w prowadzonych przez nas szkołach.",
                    "pomoc": "Egzamin ósmoklasisty, a w szkołach ponadpodstawowych także egzamin maturalny.",
                },
                {
                    "kod": "o02-p2",
                    "tresc": "Oceniając wyniki szkół, korzystamy ze wskaźników edukacyjnej wartości dodanej (EWD).",
                    "pomoc": "EWD pozwala oddzielić wkład szkoły od poziomu, z jakim uczniowie do niej przyszli.",
                },
                {
                    "kod": "o02-p3",
                    "tresc": "Mamy ustalony zestaw wskaźników, za pomocą których co roku opisujemy stan lokalnej oświaty.",
                    "pomoc": "Np. średnia liczebność oddziału, liczba uczniów na etat nauczycielski, wydatki bieżące na ucznia.",
                },
                {
                    "kod": "o02-p4",
                    "tresc": "Porównujemy nasze wskaźniki oświatowe z danymi podobnych JST.",
                    "pomoc": "Np. w systemach porównawczych, takich jak System Analiz Samorządowych ZMP.",
                },
                {
                    "kod": "o02-p5",
                    "tresc": "Informacja o stanie realizacji zadań oświatowych zawiera wnioski do dalszych działań.",
                    "pomoc": "Chodzi o wnioski i rekomendacje, a nie tylko zestawienie danych.",
                },
                {
                    "kod": "o02-p6",
                    "tresc": "Wnioski z analizy wyników omawiamy z dyrektorami szkół na wspólnych spotkaniach.",
                    "pomoc": "",
                },
            ],
        },
        {
            "obszar": "zarzadzanie",
            "tytul": "3. Zarządzanie oświatą na poziomie organu prowadzącego",
            "opis": "Pytamy o to, jak zorganizowane są zadania oświatowe w urzędzie i obsługa szkół przez organ prowadzący.",
            "pytania": [
                {
                    "kod": "o03-p1",
                    "tresc": "Każde zadanie oświatowe JST ma jasno przypisaną osobę lub komórkę odpowiedzialną.",
                    "pomoc": "Dotyczy urzędu oraz jednostki obsługującej szkoły, np. centrum usług wspólnych (CUW).",
                },
                {
                    "kod": "o03-p2",
                    "tresc": "Najważniejsze zadania oświatowe JST mają spisane procedury.",
                    "pomoc": "Np. zatwierdzanie arkuszy organizacji, udzielanie dotacji, organizacja dowozu uczniów.",
                },
                {
                    "kod": "o03-p3",
                    "tresc": "Sposób zorganizowania obsługi administracyjnej, finansowej i organizacyjnej szkół odpowiada ich potrzebom.",
                    "pomoc": "",
                },
                {
                    "kod": "o03-p4",
                    "tresc": "W zarządzaniu oświatą wykorzystujemy dane z Systemu Informacji Oświatowej (SIO).",
                    "pomoc": "",
                },
                {
                    "kod": "o03-p5",
                    "tresc": "Dokumenty i dane oświatowe wymieniamy ze szkołami drogą elektroniczną.",
                    "pomoc": "",
                },
                {
                    "kod": "o03-p6",
                    "tresc": "Osoby zajmujące się oświatą w JST mają uzgodnione zasady współpracy w zespole.",
                    "pomoc": "Np. podział ról, zasady komunikacji, kodeks etyczny zespołu.",
                },
            ],
        },
        {
            "obszar": "budzet",
            "tytul": "4. Planowanie budżetowe",
            "opis": "Pytamy o to, jak powstaje budżet oświaty i kto bierze udział w jego planowaniu.",
            "pytania": [
                {
                    "kod": "o04-p1",
                    "tresc": "Projekt budżetu oświaty opracowujemy na podstawie zatwierdzonych arkuszy organizacji szkół.",
                    "pomoc": "",
                },
                {
                    "kod": "o04-p2",
                    "tresc": "Przed przygotowaniem arkuszy organizacji dyrektorzy otrzymują od JST pisemne wytyczne.",
                    "pomoc": "",
                },
                {
                    "kod": "o04-p3",
                    "tresc": "Dyrektorzy szkół biorą udział w planowaniu budżetu oświaty.",
                    "pomoc": "",
                },
                {
                    "kod": "o04-p4",
                    "tresc": "Wiemy, jaką część bieżących wydatków na oświatę pokrywa część oświatowa subwencji ogólnej.",
                    "pomoc": "Np. wskaźnik pokrycia wydatków bieżących subwencją albo dopłata ze środków własnych na ucznia.",
                },
                {
                    "kod": "o04-p5",
                    "tresc": "Wyniki analizy z art. 30a Karty Nauczyciela wykorzystujemy przy planowaniu wydatków na wynagrodzenia nauczycieli.",
                    "pomoc": "Analizę wydatków na wynagrodzenia nauczycieli za poprzedni rok organ prowadzący sporządza do 20 stycznia.",
                },
                {
                    "kod": "o04-p6",
                    "tresc": "Osoby odpowiedzialne za finanse i za oświatę w JST regularnie wspólnie analizują wykonanie budżetu oświaty.",
                    "pomoc": "Np. skarbnik, pracownicy wydziału oświaty lub CUW.",
                },
            ],
        },
        {
            "obszar": "partnerzy",
            "tytul": "5. Udział mieszkańców/partnerów w usługach edukacyjnych",
            "opis": "Pytamy o to, czy mieszkańcy i partnerzy społeczni mają realny wpływ na lokalną oświatę i biorą udział w jej tworzeniu.",
            "pytania": [
                {
                    "kod": "o05-p1",
                    "tresc": "W JST działa rada oświatowa.",
                    "pomoc": "Gminna, powiatowa lub wojewódzka rada oświatowa.",
                },
                {
                    "kod": "o05-p2",
                    "tresc": "Mieszkańcy są konsultowani przy planowanych zmianach w sieci szkół.",
                    "pomoc": "",
                },
                {
                    "kod": "o05-p3",
                    "tresc": "Organizacje pozarządowe realizują zadania edukacyjne we współpracy z JST.",
                    "pomoc": "Np. w ramach konkursów grantowych lub lokalnych partnerstw.",
                },
                {
                    "kod": "o05-p4",
                    "tresc": "Mamy rozpoznanych lokalnych partnerów, którzy mogą wspierać szkoły.",
                    "pomoc": "Np. mapa interesariuszy: organizacje, instytucje kultury, pracodawcy.",
                },
                {
                    "kod": "o05-p5",
                    "tresc": "Przed ważnymi decyzjami oświatowymi organizujemy otwarte debaty z mieszkańcami.",
                    "pomoc": "",
                },
                {
                    "kod": "o05-p6",
                    "tresc": "Informujemy mieszkańców, jak ich opinie wpłynęły na decyzje dotyczące oświaty.",
                    "pomoc": "",
                },
            ],
        },
        {
            "obszar": "rodzice",
            "tytul": "6. Udział rodziców w planowaniu, realizacji i ocenie usług edukacyjnych",
            "opis": "Pytamy o to, czy rodzice są włączani w planowanie, realizację i ocenę usług edukacyjnych w JST.",
            "pytania": [
                {
                    "kod": "o06-p1",
                    "tresc": "Regularnie pytamy rodziców o ocenę pracy szkół i przedszkoli.",
                    "pomoc": "Np. ankieta dla rodziców prowadzona przez JST lub przez szkoły.",
                },
                {
                    "kod": "o06-p2",
                    "tresc": "Wyniki badań opinii rodziców wykorzystujemy przy planowaniu działań oświatowych.",
                    "pomoc": "",
                },
                {
                    "kod": "o06-p3",
                    "tresc": "Przedstawiciele rad rodziców są zapraszani do rozmów o planach rozwoju oświaty w JST.",
                    "pomoc": "",
                },
                {
                    "kod": "o06-p4",
                    "tresc": "W JST działa forum współpracy rad rodziców z różnych szkół.",
                    "pomoc": "Np. gminna rada rodziców lub regularne spotkania przedstawicieli rad rodziców.",
                },
                {
                    "kod": "o06-p5",
                    "tresc": "Rodzice mają łatwy dostęp do informacji o ofercie edukacyjnej szkół prowadzonych przez JST.",
                    "pomoc": "",
                },
                {
                    "kod": "o06-p6",
                    "tresc": "Przedstawiciele JST potrafią prowadzić dialog z rodzicami także w sytuacjach konfliktowych.",
                    "pomoc": "",
                },
            ],
        },
        {
            "obszar": "dyrektor",
            "tytul": "7. Rola dyrektora i relacje z organem prowadzącym",
            "opis": "Pytamy o to, jak JST wybiera, ocenia i wspiera dyrektorów oraz jak układa się współpraca z nimi.",
            "pytania": [
                {
                    "kod": "o07-p1",
                    "tresc": "Konkurs na stanowisko dyrektora przygotowujemy według ustalonej procedury.",
                    "pomoc": "",
                },
                {
                    "kod": "o07-p2",
                    "tresc": "Dyrektorzy znają kryteria, według których JST ocenia ich pracę.",
                    "pomoc": "",
                },
                {
                    "kod": "o07-p3",
                    "tresc": "Dyrektorzy znają kryteria przyznawania im dodatku motywacyjnego.",
                    "pomoc": "",
                },
                {
                    "kod": "o07-p4",
                    "tresc": "Organ prowadzący regularnie spotyka się z dyrektorami w ustalonej formule.",
                    "pomoc": "Np. narady dyrektorów według harmonogramu, z wcześniej znanym porządkiem spotkania.",
                },
                {
                    "kod": "o07-p5",
                    "tresc": "Dyrektorzy mogą otwarcie zgłaszać organowi prowadzącemu problemy swoich szkół.",
                    "pomoc": "",
                },
                {
                    "kod": "o07-p6",
                    "tresc": "Dyrektorzy mają wsparcie JST w rozwijaniu kompetencji kierowniczych.",
                    "pomoc": "Np. szkolenia z przywództwa, coaching, sieci współpracy dyrektorów.",
                },
            ],
        },
        {
            "obszar": "wspomaganie",
            "tytul": "8. System wspomagania szkół – doskonalenie nauczycieli",
            "opis": "Pytamy o to, jak JST planuje, finansuje i ocenia wspomaganie szkół oraz doskonalenie zawodowe nauczycieli.",
            "pytania": [
                {
                    "kod": "o08-p1",
                    "tresc": "Plan dofinansowania doskonalenia zawodowego nauczycieli wynika z diagnozy potrzeb szkół.",
                    "pomoc": "",
                },
                {
                    "kod": "o08-p2",
                    "tresc": "Przygotowując plan dofinansowania doskonalenia nauczycieli, konsultujemy go z dyrektorami szkół.",
                    "pomoc": "",
                },
                {
                    "kod": "o08-p3",
                    "tresc": "Współpracujemy z placówką doskonalenia nauczycieli przy planowaniu wspomagania szkół.",
                    "pomoc": "",
                },
                {
                    "kod": "o08-p4",
                    "tresc": "Wspomaganie szkół prowadzimy procesowo, a nie tylko w formie pojedynczych szkoleń.",
                    "pomoc": "Wspomaganie procesowe obejmuje diagnozę potrzeb szkoły, zaplanowanie działań, ich realizację i ocenę efektów.",
                },
                {
                    "kod": "o08-p5",
                    "tresc": "Nauczyciele z naszych szkół uczestniczą w sieciach współpracy i samokształcenia.",
                    "pomoc": "",
                },
                {
                    "kod": "o08-p6",
                    "tresc": "Sprawdzamy, jakie efekty w szkołach przynosi dofinansowane przez nas doskonalenie nauczycieli.",
                    "pomoc": "",
                },
            ],
        },
        {
            "obszar": "doradztwo-zawodowe",
            "tytul": "9. Organizacja doradztwa zawodowego dla uczniów",
            "opis": "Pytamy o to, czy JST wie, jak szkoły realizują doradztwo zawodowe, i czy wspiera je we współpracy z partnerami.",
            "pytania": [
                {
                    "kod": "o09-p1",
                    "tresc": "Wiemy, jak doradztwo zawodowe jest zorganizowane w każdej z prowadzonych przez nas szkół.",
                    "pomoc": "",
                },
                {
                    "kod": "o09-p2",
                    "tresc": "Zatwierdzając arkusze organizacji, sprawdzamy, jak szkoły zaplanowały zajęcia z doradztwa zawodowego.",
                    "pomoc": "",
                },
                {
                    "kod": "o09-p3",
                    "tresc": "Działania z zakresu doradztwa zawodowego są prowadzone już od przedszkola.",
                    "pomoc": "Np. preorientacja zawodowa w przedszkolu i w klasach I–III.",
                },
                {
                    "kod": "o09-p4",
                    "tresc": "JST współpracuje z lokalnymi pracodawcami w zakresie doradztwa zawodowego dla uczniów.",
                    "pomoc": "",
                },
                {
                    "kod": "o09-p5",
                    "tresc": "Szkoły współpracują z powiatowym urzędem pracy w zakresie doradztwa zawodowego.",
                    "pomoc": "",
                },
                {
                    "kod": "o09-p6",
                    "tresc": "Osoby prowadzące doradztwo zawodowe w różnych szkołach wymieniają się doświadczeniami.",
                    "pomoc": "Np. w sieci współpracy doradców zawodowych.",
                },
            ],
        },
        {
            "obszar": "niepelnosprawnosc",
            "tytul": "10. Organizacja wsparcia uczniów z niepełnosprawnością oraz uczniów z trudnościami w nauce",
            "opis": "Pytamy o to, jak JST organizuje kształcenie specjalne, pomoc psychologiczno-pedagogiczną i dowóz uczniów z niepełnosprawnością.",
            "pytania": [
                {
                    "kod": "o10-p1",
                    "tresc": "Mamy aktualne dane o liczbie uczniów z orzeczeniem o potrzebie kształcenia specjalnego w prowadzonych przez nas placówkach.",
                    "pomoc": "",
                },
                {
                    "kod": "o10-p2",
                    "tresc": "Bezpłatny transport i opieka w czasie przewozu uczniów z niepełnosprawnością są zorganizowane zgodnie z ich potrzebami.",
                    "pomoc": "Dotyczy także zwrotu kosztów rodzicom, którzy na podstawie umowy z JST sami zapewniają dowóz.",
                },
                {
                    "kod": "o10-p3",
                    "tresc": "Rodzice uczniów z niepełnosprawnością otrzymują od JST jasną informację o możliwych formach dowozu.",
                    "pomoc": "",
                },
                {
                    "kod": "o10-p4",
                    "tresc": "Szkoły mają warunki do realizacji zaleceń z orzeczeń i opinii poradni psychologiczno-pedagogicznej.",
                    "pomoc": "",
                },
                {
                    "kod": "o10-p5",
                    "tresc": "Współpracujemy z poradnią psychologiczno-pedagogiczną w planowaniu wsparcia dla uczniów z trudnościami w nauce.",
                    "pomoc": "",
                },
                {
                    "kod": "o10-p6",
                    "tresc": "Nauczyciele mają dostęp do doskonalenia w zakresie edukacji włączającej.",
                    "pomoc": "",
                },
            ],
        },
        {
            "obszar": "uzdolnieni",
            "tytul": "11. Organizacja wsparcia uczniów szczególnie uzdolnionych",
            "opis": "Pytamy o to, czy JST ma rozwiązania, które pozwalają rozpoznawać i rozwijać uzdolnienia uczniów.",
            "pytania": [
                {
                    "kod": "o11-p1",
                    "tresc": "Rada naszej JST przyjęła lokalny program wspierania edukacji uzdolnionych dzieci i młodzieży.",
                    "pomoc": "",
                },
                {
                    "kod": "o11-p2",
                    "tresc": "JST przyznaje uczniom lokalne stypendia motywacyjne.",
                    "pomoc": "Np. stypendia za wyniki w nauce lub za osiągnięcia sportowe.",
                },
                {
                    "kod": "o11-p3",
                    "tresc": "W budżecie oświaty planujemy środki na zajęcia rozwijające zainteresowania i uzdolnienia uczniów.",
                    "pomoc": "",
                },
                {
                    "kod": "o11-p4",
                    "tresc": "Wiemy, ilu uczniów w naszych szkołach realizuje indywidualny program lub tok nauki.",
                    "pomoc": "Zgodę na indywidualny program lub tok nauki wydaje dyrektor szkoły.",
                },
                {
                    "kod": "o11-p5",
                    "tresc": "Nauczyciele są przygotowani do rozpoznawania uzdolnień uczniów.",
                    "pomoc": "",
                },
                {
                    "kod": "o11-p6",
                    "tresc": "W JST działa sieć współpracy nauczycieli pracujących z uczniami szczególnie uzdolnionymi.",
                    "pomoc": "",
                },
            ],
        },
        {
            "obszar": "zasoby-materialne",
            "tytul": "12. Gospodarowanie zasobami materialnymi systemu oświaty",
            "opis": "Pytamy o to, jak JST dba o budynki, wyposażenie i sieć szkół oraz jak planuje zmiany w tym zakresie.",
            "pytania": [
                {
                    "kod": "o12-p1",
                    "tresc": "Mamy aktualny przegląd stanu technicznego budynków szkół i przedszkoli.",
                    "pomoc": "",
                },
                {
                    "kod": "o12-p2",
                    "tresc": "Mamy wieloletni plan remontów i inwestycji w oświacie.",
                    "pomoc": "",
                },
                {
                    "kod": "o12-p3",
                    "tresc": "Znamy koszt utrzymania budynków szkolnych w przeliczeniu na ucznia.",
                    "pomoc": "Np. koszty mediów, remontów i sprzątania podzielone przez liczbę uczniów.",
                },
                {
                    "kod": "o12-p4",
                    "tresc": "Szkoły mają wyposażenie i pomoce dydaktyczne potrzebne do realizacji programów nauczania.",
                    "pomoc": "",
                },
                {
                    "kod": "o12-p5",
                    "tresc": "Decyzje o zmianach w sieci szkół podejmujemy na podstawie analizy danych.",
                    "pomoc": "Np. prognozy liczby uczniów, kosztów utrzymania, wykorzystania pomieszczeń.",
                },
                {
                    "kod": "o12-p6",
                    "tresc": "Zmiany w sieci szkół przygotowujemy wraz z planem komunikacji ze społecznościami szkolnymi.",
                    "pomoc": "",
                },
            ],
        },
    ],
}
