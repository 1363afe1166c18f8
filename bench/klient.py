"""The load generator's HTTP side: signed-in sessions (made directly in the database, as `force_login`
does — no password hashing per user), requests to gunicorn on loopback with the headers a TLS proxy
adds (X-Forwarded-Proto: https, CONVENTIONS §6), and the statistics of the timings.

Standard library only (http.client + threads): nothing to add to requirements.txt. gunicorn's sync
workers close the connection after each response, so every request opens a new loopback connection,
as a browser behind a proxy without keep-alive would."""

import http.client
import math
import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass
class Wynik:
    status: int
    klient_ms: float  # what the client waited (queueing behind busy workers included)
    serwer_ms: float | None  # X-Bench-Czas-Ms: time inside Django
    zapytania: int | None  # X-Bench-Zapytania
    bajty: int
    blad: str = ""
    tresc: bytes = b""


def zaloguj(user) -> tuple[str, str]:
    """(session key, CSRF secret) of a signed-in session for `user` (needs Django set up)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    sesja = SessionStore()
    sesja[SESSION_KEY] = str(user.pk)
    sesja[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    sesja[HASH_SESSION_KEY] = user.get_session_auth_hash()
    sesja.create()
    return sesja.session_key, _get_new_csrf_string()


class Klient:
    """One signed-in user's browser (not thread-safe: one per thread)."""

    def __init__(self, port: int, sesja: tuple[str, str], timeout: float = 120):
        self.port, self.timeout = port, timeout
        self.sessionid, self.csrf = sesja
        self.host = f"127.0.0.1:{port}"

    def _naglowki(self, extra: dict | None = None) -> dict:
        h = {"Host": self.host, "X-Forwarded-Proto": "https", "Accept-Language": "pl",
             "Cookie": f"sessionid={self.sessionid}; csrftoken={self.csrf}", "User-Agent": "doradztwo-bench"}
        h.update(extra or {})
        return h

    def _zadanie(self, metoda: str, sciezka: str, body: bytes | None, naglowki: dict, *,
                 zachowaj: bool = False) -> Wynik:
        start = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            conn.request(metoda, sciezka, body=body, headers=naglowki)
            resp = conn.getresponse()
            tresc = resp.read()
            czas = (time.perf_counter() - start) * 1000
            serwer = resp.getheader("X-Bench-Czas-Ms")
            zapytania = resp.getheader("X-Bench-Zapytania")
            nowa = resp.getheader("Set-Cookie") or ""
            if "sessionid=" in nowa:  # Django may rotate the key; follow it like a browser
                wartosc = nowa.split("sessionid=", 1)[1].split(";", 1)[0]
                if wartosc and wartosc != '""':
                    self.sessionid = wartosc
            return Wynik(resp.status, czas, float(serwer) if serwer else None, int(zapytania) if zapytania else None,
                         len(tresc), tresc=tresc if zachowaj else b"")
        except (OSError, http.client.HTTPException) as exc:
            return Wynik(0, (time.perf_counter() - start) * 1000, None, None, 0, blad=f"{type(exc).__name__}: {exc}")
        finally:
            conn.close()

    def get(self, sciezka: str, *, htmx: bool = False) -> Wynik:
        return self._zadanie("GET", sciezka, None, self._naglowki({"HX-Request": "true"} if htmx else None))

    def post(self, sciezka: str, dane: dict) -> Wynik:
        """A form POST with the CSRF token and the Origin a browser sends; the body is kept (JSON)."""
        body = urlencode(dane, doseq=True).encode()
        origin = f"https://{self.host}"
        return self._zadanie("POST", sciezka, body, self._naglowki({
            "Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": self.csrf, "Origin": origin,
            "Referer": origin + sciezka, "Content-Length": str(len(body))}), zachowaj=True)


def percentyl(wartosci: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0–100): with few samples p95 is the largest."""
    if not wartosci:
        return None
    ordered = sorted(wartosci)
    k = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[k - 1]


def podsumuj(wartosci: list[float]) -> dict:
    if not wartosci:
        return {"n": 0}
    return {"n": len(wartosci), "mediana": round(statistics.median(wartosci), 2),
            "p95": round(percentyl(wartosci, 95), 2), "min": round(min(wartosci), 2), "max": round(max(wartosci), 2)}
