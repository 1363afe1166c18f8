from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

from doradztwo.demo import DEMO_ACCOUNTS, demo_password

# Each capability extends its app's demo step; they run in the order of dependencies.
DEMO_APPS = ["doradztwo", "jst", "diagnoza", "hdr", "raporty"]


class Command(BaseCommand):
    help = "Creates or refreshes the demo data (idempotent, sends no e-mail)."

    def handle(self, *args, **options):
        world: dict = {}
        with transaction.atomic():
            for app in DEMO_APPS:
                if find_spec(f"{app}.demo") is None:
                    continue
                step = import_module(f"{app}.demo")
                world.update(step.run(self.stdout, world) or {})
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password: {demo_password()}):")
        for username, first_name, last_name, _superuser in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<15} {first_name} {last_name}")
