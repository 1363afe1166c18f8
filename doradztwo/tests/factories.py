import factory
from django.contrib.auth import get_user_model


class UzytkownikFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"osoba{n}@example.org")
    email = factory.LazyAttribute(lambda o: o.username if "@" in o.username else f"{o.username}@example.org")
    first_name = "Jan"
    last_name = "Kowalski"
    password = factory.django.Password("haslo-testowe-123")
