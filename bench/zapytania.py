"""Benchmark-only middleware (enabled by bench/settings_bench.py with BENCH_ZAPYTANIA=1): every
response carries the number of SQL queries its request ran and the time the server spent on it.

    X-Bench-Zapytania: 7
    X-Bench-Czas-Ms: 12.84

Never in the project's settings: production does not disclose this."""

import time

from django.db import connections


class LicznikZapytan:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        licznik = [0]

        def policz(execute, sql, params, many, context):
            licznik[0] += 1
            return execute(sql, params, many, context)

        start = time.perf_counter()
        with _wrapper_everywhere(policz):
            response = self.get_response(request)
        response["X-Bench-Czas-Ms"] = f"{(time.perf_counter() - start) * 1000:.2f}"
        response["X-Bench-Zapytania"] = str(licznik[0])
        return response


class _wrapper_everywhere:
    """connection.execute_wrapper() on every configured database at once."""

    def __init__(self, wrapper):
        self.wrapper = wrapper
        self.konteksty = []

    def __enter__(self):
        for alias in connections:
            ctx = connections[alias].execute_wrapper(self.wrapper)
            ctx.__enter__()
            self.konteksty.append(ctx)

    def __exit__(self, *exc):
        for ctx in reversed(self.konteksty):
            ctx.__exit__(*exc)
        return False
