import datetime

import factory

from doradztwo.models import Edycja
from doradztwo.tests.factories import UzytkownikFactory
from jst.models import JST, CzlonekZespolu, Doradca, PrzydzialDoradcy, Udzial


class EdycjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edycja
        skip_postgeneration_save = True

    nazwa = factory.Sequence(lambda n: f"Edycja testowa {n}")
    data_od = datetime.date(2022, 10, 5)
    data_do = datetime.date(2023, 5, 31)
    status = Edycja.Status.AKTYWNA

    @factory.post_generation
    def koordynatorzy(self, create, extracted, **kwargs):
        if create and extracted:
            self.koordynatorzy.set(extracted)


class JSTFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JST
        django_get_or_create = ("teryt",)

    teryt = factory.Sequence(lambda n: f"30{n % 100:02d}{n // 100 % 100:02d}2")
    klucz = factory.LazyAttribute(lambda o: o.teryt[:6])
    nazwa = factory.Sequence(lambda n: f"Gmina{n}")
    rodzaj = JST.Rodzaj.GMINA_WIEJSKA
    wojewodztwo = "wielkopolskie"
    powiat = "poznański"
    stan_na = datetime.date(2024, 1, 1)


class UdzialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Udzial

    edycja = factory.SubFactory(EdycjaFactory)
    jst = factory.SubFactory(JSTFactory)


class DoradcaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Doradca
        django_get_or_create = ("uzytkownik",)

    uzytkownik = factory.SubFactory(UzytkownikFactory)
    specjalnosc = Doradca.Specjalnosc.ROS


class PrzydzialDoradcyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrzydzialDoradcy

    udzial = factory.SubFactory(UdzialFactory)
    doradca = factory.SubFactory(DoradcaFactory)
    rola = PrzydzialDoradcy.Rola.ROS
    od = datetime.date(2022, 10, 5)


class CzlonekZespoluFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CzlonekZespolu

    udzial = factory.SubFactory(UdzialFactory)
    uzytkownik = factory.SubFactory(UzytkownikFactory)
    funkcja = "inspektor ds. oświaty"
    rodzaj = CzlonekZespolu.Rodzaj.PRACOWNIK_JST
