from django.core.management.base import BaseCommand, CommandError

from doradztwo import vendor


class Command(BaseCommand):
    help = "Checks that front-end assets come from package-lock.json and are served locally."

    def handle(self, *args, **options):
        found, versions = vendor.problems()
        if found:
            raise CommandError("vendor check failed:\n- " + "\n- ".join(found))
        listed = ", ".join(f"{name} {version}" for name, version in sorted(versions.items()))
        self.stdout.write(f"vendor check: OK ({listed} from package-lock.json; no CDN references)")
