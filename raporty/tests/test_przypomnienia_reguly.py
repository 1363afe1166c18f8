"""Each reminder kind (issue 10), with time frozen by time-machine: it fires once for the right people,
and a second run sends nothing. Edition 2022/2023 of `world` (koordynator): JST A with ros1/pro1 and the
jst-a-* team, JST B with ros2/pro2 and the jst-b-* team."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from doradztwo import przypomnienia
from doradztwo.models import EtapKalendarza, Powiadomienie, RegulaPrzypomnienia, WyslanePrzypomnienie

D = datetime.date


def _o(rok, miesiac, dzien):
    return time_machine.travel(datetime.datetime(rok, miesiac, dzien, 10, tzinfo=ZoneInfo("Europe/Warsaw")),
                               tick=False)


def _przebieg(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return przypomnienia.przebieg()


def _dostali(kod: str) -> set[str]:
    return set(Powiadomienie.objects.filter(rodzaj=f"przypomnienie.{kod}").values_list("odbiorca__username",
                                                                                       flat=True))


def _maile(fragment: str) -> list:
    return [m for m in mail.outbox if fragment in m.subject]


def _etap(world, kod, data_do):
    EtapKalendarza.objects.create(edycja=world["edycja"], kod=kod, nazwa=f"Etap {kod}", kolejnosc=1,
                                  data_od=D(2022, 10, 5), data_do=data_do)


def _raz_i_nigdy_wiecej(django_capture_on_commit_callbacks, kod):
    """Run twice: the second run adds nothing for `kod`."""
    _przebieg(django_capture_on_commit_callbacks)
    pierwsze = _dostali(kod)
    maili, wpisow = len(mail.outbox), WyslanePrzypomnienie.objects.filter(rodzaj=kod).count()
    _przebieg(django_capture_on_commit_callbacks)
    assert Powiadomienie.objects.filter(rodzaj=f"przypomnienie.{kod}").count() == wpisow
    assert WyslanePrzypomnienie.objects.filter(rodzaj=kod).count() == wpisow
    assert len(mail.outbox) == maili
    return pierwsze


# --- Remote hours by day N ------------------------------------------------------------------------


def test_advisers_without_remote_hours_for_a_jst_by_day_20_are_reminded_once(
        world, django_capture_on_commit_callbacks):
    from jst.models import WpisZdalny

    WpisZdalny.objects.create(doradca=world["doradcy"]["ros1"], udzial=world["udzial_a"], data=D(2022, 11, 3),
                              poczatek=datetime.time(9), minuty=60, forma="telefon", temat="Arkusz")
    with _o(2022, 11, 19):
        _przebieg(django_capture_on_commit_callbacks)
    assert _dostali("zdalne_brak") == set()
    with _o(2022, 11, 20):
        dostali = _raz_i_nigdy_wiecej(django_capture_on_commit_callbacks, "zdalne_brak")
    assert dostali == {"pro1", "ros2", "pro2"}  # ros1 logged hours for JST A this month
    assert len(_maile("Brak godzin doradztwa zdalnego")) == 3
    tresc = Powiadomienie.objects.get(rodzaj="przypomnienie.zdalne_brak", odbiorca__username="ros2").tresc
    assert "Gmina Dwikozy" in tresc and "listopad 2022" in tresc and "1,0 h" in tresc


def test_a_new_month_is_a_new_period_for_missing_remote_hours(world, django_capture_on_commit_callbacks):
    with _o(2022, 11, 25):
        _przebieg(django_capture_on_commit_callbacks)
    with _o(2022, 12, 21):
        _przebieg(django_capture_on_commit_callbacks)
    assert set(WyslanePrzypomnienie.objects.filter(rodzaj="zdalne_brak", odbiorca__username="pro1")
               .values_list("okres", flat=True)) == {"2022-11", "2022-12"}


# --- Timesheets by day N of the next month -----------------------------------------------------------


def test_a_timesheet_not_submitted_by_day_5_of_the_next_month_reminds_its_adviser_once(
        world, django_capture_on_commit_callbacks):
    from jst.models import KartaCzasuPracy

    KartaCzasuPracy.objects.create(doradca=world["doradcy"]["ros1"], edycja=world["edycja"],
                                   miesiac=D(2022, 11, 1), stan="zlozona")
    KartaCzasuPracy.objects.create(doradca=world["doradcy"]["pro1"], edycja=world["edycja"],
                                   miesiac=D(2022, 11, 1), stan="zwrocona")
    with _o(2022, 12, 4):
        _przebieg(django_capture_on_commit_callbacks)
    assert _dostali("karta_niezlozona") == set()
    with _o(2022, 12, 5):
        dostali = _raz_i_nigdy_wiecej(django_capture_on_commit_callbacks, "karta_niezlozona")
    assert dostali == {"pro1", "ros2", "pro2"}  # not doradca-spoza: no assignment in the edition
    assert WyslanePrzypomnienie.objects.filter(rodzaj="karta_niezlozona").first().okres == "2022-11"
    assert _maile("Karta czasu pracy za listopad 2022 czeka na złożenie")


# --- Events and visits in 3 days -----------------------------------------------------------------


def test_an_event_in_three_days_reminds_the_registered_team_members_once(world, django_capture_on_commit_callbacks):
    from jst.models import CzlonekZespolu, Rejestracja, Wydarzenie

    koordynator = world["personas"]["koordynator"]
    blisko = Wydarzenie.objects.create(edycja=world["edycja"], rodzaj="warsztaty_1", nazwa="Warsztaty I",
                                       od=D(2022, 11, 24), do=D(2022, 11, 25), miejsce="Warszawa, ul. Polna 1")
    daleko = Wydarzenie.objects.create(edycja=world["edycja"], rodzaj="online", nazwa="Spotkanie online",
                                       od=D(2022, 11, 25), do=D(2022, 11, 25), link="https://example.org/spotkanie")
    for wydarzenie, username in ((blisko, "jst-a-lider"), (blisko, "jst-b-czlonek"), (daleko, "jst-a-czlonek")):
        czlonek = CzlonekZespolu.objects.get(uzytkownik__username=username, aktywny=True)
        Rejestracja.objects.create(wydarzenie=wydarzenie, czlonek=czlonek, zapisal=koordynator)
    with _o(2022, 11, 21):
        dostali = _raz_i_nigdy_wiecej(django_capture_on_commit_callbacks, "wydarzenie_wkrotce")
    assert dostali == {"jst-a-lider", "jst-b-czlonek"}  # the online meeting is 4 days away
    tresc = Powiadomienie.objects.filter(rodzaj="przypomnienie.wydarzenie_wkrotce").first().tresc
    assert "24.11.2022 – 25.11.2022" in tresc and "Warszawa, ul. Polna 1" in tresc


def test_a_visit_in_three_days_reminds_its_advisers_and_the_team_without_private_notes(
        world, django_capture_on_commit_callbacks):
    from jst.models import Wizyta

    wizyta = Wizyta.objects.create(udzial=world["udzial_a"], typ="spotkanie_1", od=D(2022, 11, 23),
                                   do=D(2022, 11, 24), miejsce="Starostwo w Bolesławcu",
                                   notatki_prywatne="Skarbnik sceptyczny", autor=world["personas"]["ros1"])
    wizyta.doradcy.set([world["doradcy"]["ros1"]])
    with _o(2022, 11, 20):
        dostali = _raz_i_nigdy_wiecej(django_capture_on_commit_callbacks, "wizyta_wkrotce")
    assert dostali == {"ros1", "jst-a-lider", "jst-a-czlonek", world["czlonek_a3"].uzytkownik.username}
    assert not any("Skarbnik" in p.tresc for p in Powiadomienie.objects.all())
    assert not any("Skarbnik" in m.body for m in mail.outbox)


# --- Documents not submitted by their calendar date ---------------------------------------------------


def test_a_sheet_not_submitted_by_its_calendar_date_reminds_the_leader_and_advisers_once(
        world, django_capture_on_commit_callbacks):
    _etap(world, "wybor_obszaru", D(2022, 11, 10))
    udzial_a = world["udzial_a"]
    udzial_a.etap = "arkusz_zlozony"  # submitted (the stage is the proof, also after an override)
    udzial_a.save(update_fields=["etap"])
    with _o(2022, 11, 10):
        _przebieg(django_capture_on_commit_callbacks)
    assert _dostali("arkusz_po_terminie") == set()
    with _o(2022, 11, 11):
        dostali = _raz_i_nigdy_wiecej(django_capture_on_commit_callbacks, "arkusz_po_terminie")
    assert dostali == {"jst-b-lider", "ros2", "pro2"}  # team members other than the leader are not chased
    p = Powiadomienie.objects.filter(rodzaj="przypomnienie.arkusz_po_terminie").first()
    assert p.tytul == "Arkusz diagnostyczny po terminie — Gmina Dwikozy"
    assert "10.11.2022" in p.tresc and p.link == f"/udzialy/{world['udzial_b'].pk}/arkusz/"


def test_a_moved_deadline_is_a_new_period(world, django_capture_on_commit_callbacks):
    _etap(world, "wybor_obszaru", D(2022, 11, 10))
    with _o(2022, 11, 11):
        _przebieg(django_capture_on_commit_callbacks)
    EtapKalendarza.objects.filter(kod="wybor_obszaru").update(data_do=D(2022, 11, 20))
    with _o(2022, 11, 15):
        _przebieg(django_capture_on_commit_callbacks)
    assert WyslanePrzypomnienie.objects.filter(rodzaj="arkusz_po_terminie", odbiorca__username="ros2").count() == 1
    with _o(2022, 11, 21):
        _przebieg(django_capture_on_commit_callbacks)
    assert set(WyslanePrzypomnienie.objects.filter(rodzaj="arkusz_po_terminie", odbiorca__username="ros2")
               .values_list("okres", flat=True)) == {"2022-11-10", "2022-11-20"}


def test_a_data_task_not_submitted_by_its_calendar_date_is_reminded_once(world, django_capture_on_commit_callbacks):
    from diagnoza.models import ZadanieDanych

    _etap(world, "zbieranie_danych", D(2022, 12, 9))
    ZadanieDanych.objects.create(udzial=world["udzial_a"], stan="zlozona")
    ZadanieDanych.objects.create(udzial=world["udzial_b"], stan="zwrocona")
    with _o(2022, 12, 12):
        dostali = _raz_i_nigdy_wiecej(django_capture_on_commit_callbacks, "zadanie_po_terminie")
    assert dostali == {"jst-b-lider", "ros2", "pro2"}


def test_a_deep_diagnosis_not_submitted_by_its_calendar_date_is_reminded_once(
        world, django_capture_on_commit_callbacks):
    from diagnoza.models import DiagnozaPoglebiona

    _etap(world, "diagnoza_poglebiona", D(2023, 1, 31))
    DiagnozaPoglebiona.objects.create(udzial=world["udzial_b"], stan="zatwierdzona")
    with _o(2023, 2, 1):
        dostali = _raz_i_nigdy_wiecej(django_capture_on_commit_callbacks, "diagnoza_po_terminie")
    assert dostali == {"jst-a-lider", "ros1", "pro1"}


def test_an_hdr_not_submitted_by_the_end_of_meeting_2_is_reminded_once(world, django_capture_on_commit_callbacks):
    from hdr.tests.fixtures_hdr import hdr_zatwierdzony

    _etap(world, "spotkanie_2", D(2023, 3, 10))
    hdr_zatwierdzony(world, jst="a")
    with _o(2023, 3, 13):
        dostali = _raz_i_nigdy_wiecej(django_capture_on_commit_callbacks, "hdr_po_terminie")
    assert dostali == {"jst-b-lider", "ros2", "pro2"}


def test_a_final_report_not_submitted_by_its_calendar_date_is_reminded_once(
        world, django_capture_on_commit_callbacks):
    from raporty.models import RaportKoncowy

    _etap(world, "raport", D(2023, 5, 15))
    RaportKoncowy.objects.create(udzial=world["udzial_a"], forma="dobra_praktyka", stan="zlozona")
    RaportKoncowy.objects.create(udzial=world["udzial_b"], forma="studium_refleksji", stan="robocza")
    with _o(2023, 5, 16):
        dostali = _raz_i_nigdy_wiecej(django_capture_on_commit_callbacks, "raport_po_terminie")
    assert dostali == {"jst-b-lider", "ros2", "pro2"}


def test_more_days_after_the_deadline_delay_the_reminder(world, django_capture_on_commit_callbacks):
    _etap(world, "wybor_obszaru", D(2022, 11, 10))
    RegulaPrzypomnienia.objects.create(edycja=world["edycja"], rodzaj="arkusz_po_terminie", dni=7)
    with _o(2022, 11, 16):
        _przebieg(django_capture_on_commit_callbacks)
    assert _dostali("arkusz_po_terminie") == set()
    with _o(2022, 11, 17):
        _przebieg(django_capture_on_commit_callbacks)
    assert _dostali("arkusz_po_terminie") == {"jst-a-lider", "ros1", "pro1", "jst-b-lider", "ros2", "pro2"}


# --- HDR actions ----------------------------------------------------------------------------------


def _dzialania(world, do):
    from hdr.models import MonitoringDzialania
    from hdr.tests.fixtures_hdr import hdr_zatwierdzony
    from jst.models import CzlonekZespolu

    hdr, wersja = hdr_zatwierdzony(world, dzialan=3, od=D(2022, 11, 1), do=do)
    d0, d1, d2 = wersja.dzialania.order_by("kolejnosc")
    d0.wlasciciel = CzlonekZespolu.objects.get(udzial=world["udzial_a"], uzytkownik__username="jst-a-czlonek")
    d0.save(update_fields=["wlasciciel"])
    MonitoringDzialania.objects.create(hdr=hdr, klucz=d1.klucz, status="zrealizowane", postep=100)
    MonitoringDzialania.objects.create(hdr=hdr, klucz=d2.klucz, status="w_trakcie", postep=40)
    return d0, d1, d2


def test_hdr_actions_due_in_seven_days_remind_their_owner_and_the_leader_once(
        world, django_capture_on_commit_callbacks):
    d0, _d1, d2 = _dzialania(world, D(2023, 3, 8))
    with _o(2023, 2, 28):
        _przebieg(django_capture_on_commit_callbacks)
    assert _dostali("dzialanie_wkrotce") == set()  # 8 days ahead
    with _o(2023, 3, 1):
        dostali = _raz_i_nigdy_wiecej(django_capture_on_commit_callbacks, "dzialanie_wkrotce")
    assert dostali == {"jst-a-czlonek", "jst-a-lider"}
    wpisy = WyslanePrzypomnienie.objects.filter(rodzaj="dzialanie_wkrotce")
    # The done action is left out; the key is the action's stable klucz, so a new plan version repeats nothing.
    assert {w.id_obiektu for w in wpisy} == {str(d0.klucz), str(d2.klucz)}
    assert set(wpisy.filter(odbiorca__username="jst-a-czlonek").values_list("id_obiektu", flat=True)) == {
        str(d0.klucz)}


def test_overdue_hdr_actions_remind_once_and_done_or_cancelled_ones_never(
        world, django_capture_on_commit_callbacks):
    from hdr.models import MonitoringDzialania

    d0, _d1, d2 = _dzialania(world, D(2023, 2, 10))
    MonitoringDzialania.objects.filter(klucz=d2.klucz).update(status="anulowane")
    with _o(2023, 2, 10):
        _przebieg(django_capture_on_commit_callbacks)
    assert _dostali("dzialanie_po_terminie") == set()
    with _o(2023, 2, 11):
        dostali = _raz_i_nigdy_wiecej(django_capture_on_commit_callbacks, "dzialanie_po_terminie")
    assert dostali == {"jst-a-czlonek", "jst-a-lider"}
    assert set(WyslanePrzypomnienie.objects.filter(rodzaj="dzialanie_po_terminie")
               .values_list("id_obiektu", flat=True)) == {str(d0.klucz)}
    with _o(2023, 3, 20):
        _przebieg(django_capture_on_commit_callbacks)
    assert WyslanePrzypomnienie.objects.filter(rodzaj="dzialanie_po_terminie").count() == 2


# --- The coordinators' weekly digest ----------------------------------------------------------------


def test_the_weekly_digest_lists_what_is_late_to_the_editions_coordinators_once_a_week(
        world, django_capture_on_commit_callbacks):
    _etap(world, "wybor_obszaru", D(2022, 11, 10))
    # Reminders to teams switched off: the digest still lists the late sheets.
    RegulaPrzypomnienia.objects.create(edycja=world["edycja"], rodzaj="arkusz_po_terminie", wlaczona=False)
    with _o(2022, 11, 14):  # a Monday
        dostali = _raz_i_nigdy_wiecej(django_capture_on_commit_callbacks, "podsumowanie_tygodniowe")
    assert dostali == {"koordynator"}
    assert _dostali("arkusz_po_terminie") == set()
    p = Powiadomienie.objects.get(rodzaj="przypomnienie.podsumowanie_tygodniowe")
    assert "Arkusz diagnostyczny po terminie: 2" in p.tresc
    assert "Gmina Dwikozy — arkusz diagnostyczny, termin 10.11.2022" in p.tresc
    assert "tydzień 46" in p.tytul
    with _o(2022, 11, 18):  # same week
        _przebieg(django_capture_on_commit_callbacks)
    with _o(2022, 11, 21):  # next Monday
        _przebieg(django_capture_on_commit_callbacks)
    assert list(WyslanePrzypomnienie.objects.filter(rodzaj="podsumowanie_tygodniowe").order_by("okres")
                .values_list("okres", flat=True)) == ["2022-W46", "2022-W47"]


def test_no_digest_is_sent_when_nothing_is_late(world, django_capture_on_commit_callbacks):
    with _o(2022, 10, 10):  # before day 20 and before the first month is over: nothing late
        _przebieg(django_capture_on_commit_callbacks)
    assert not WyslanePrzypomnienie.objects.exists()


@pytest.mark.parametrize("kod", ["zdalne_brak", "karta_niezlozona", "wydarzenie_wkrotce", "wizyta_wkrotce",
                                 "arkusz_po_terminie", "zadanie_po_terminie", "diagnoza_po_terminie",
                                 "hdr_po_terminie", "dzialanie_wkrotce", "dzialanie_po_terminie",
                                 "raport_po_terminie", "podsumowanie_tygodniowe"])
def test_every_kind_the_issue_asks_for_is_registered_with_polish_texts(kod):
    rodzaj = przypomnienia.rodzaj(kod)
    assert rodzaj is not None
    assert rodzaj.nazwa and rodzaj.opis and rodzaj.adresaci
    assert rodzaj.parametr == "" or rodzaj.minimum <= rodzaj.domyslnie <= rodzaj.maksimum
