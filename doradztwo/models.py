from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UzytkownikManager(UserManager):
    def get_by_natural_key(self, username):
        # Usernames are e-mail addresses: "Jan@Gmina.pl" and "jan@gmina.pl" are one person.
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class Uzytkownik(AbstractUser):
    """A person who signs in. Roles come from assignments, never from flags on this row."""

    objects = UzytkownikManager()

    class Meta:
        verbose_name = _("użytkownik")
        verbose_name_plural = _("użytkownicy")
        constraints = [
            models.UniqueConstraint(Lower("username"), name="uzytkownik_username_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.username
