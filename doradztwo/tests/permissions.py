"""Permission-matrix rows for the project package's URLs: auth, language switch, legal pages."""

from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm

from doradztwo.tests.matrix import parse_table

ARGS = {
    # An invalid link: the page must still answer (and say the link is invalid), never 500.
    "password_reset_confirm": lambda world: {"uidb64": "MQ", "token": "nieprawidlowy-token"},
}

ROWS = parse_table(
    "doradztwo",
    """
url                     | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
login                   | GET    | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
login                   | POST   | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
logout                  | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
logout                  | POST   | 302  | 302   | 302         | 302          | 302  | 302  | 302  | 302  | 302         | 302           | 302         | 302           | 302
password_change         | GET    | 302  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
password_change         | POST   | 302  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
password_change_done    | GET    | 302  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
password_change_done    | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
password_reset          | GET    | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
password_reset          | POST   | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
password_reset_done     | GET    | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
password_reset_done     | POST   | 405  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
password_reset_confirm  | GET    | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
password_reset_confirm  | POST   | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
password_reset_complete | GET    | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
password_reset_complete | POST   | 405  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
set_language            | GET    | 302  | 302   | 302         | 302          | 302  | 302  | 302  | 302  | 302         | 302           | 302         | 302           | 302
set_language            | POST   | 302  | 302   | 302         | 302          | 302  | 302  | 302  | 302  | 302         | 302           | 302         | 302           | 302
deklaracja_dostepnosci  | GET    | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
deklaracja_dostepnosci  | POST   | 405  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
rodo                    | GET    | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
rodo                    | POST   | 405  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
""",
    args=ARGS,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "login": AuthenticationForm,
    "logout": (None, "no form: Django's LogoutView; the view reads nothing from the body"),
    "password_change": PasswordChangeForm,
    "password_reset": PasswordResetForm,
    "password_reset_confirm": SetPasswordForm,
    "set_language": (None, "Django's set_language view reads two keys by hand", ("language", "next")),
}
