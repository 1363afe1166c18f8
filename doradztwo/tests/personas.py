"""Test personas = the demo accounts of CONVENTIONS §4 + anonymous."""

from doradztwo.demo import DEMO_ACCOUNTS

# Order matters: the accessibility gate opens each page as the first persona expected to get 200.
PERSONAS = ["anon"] + [username for username, *_ in DEMO_ACCOUNTS]
