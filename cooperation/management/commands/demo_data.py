from django.core.management.base import BaseCommand
from django.utils import translation

from cooperation.demo import DEMO_EXTENSIONS, DEMO_PASSWORD, DEMO_TOTP_SECRET, load_demo_data


class Command(BaseCommand):
    help = "Load the demo organisations and one demo user per role (safe to run again)."

    def handle(self, *args, **options):
        with translation.override("en"):
            logins = load_demo_data()
            extra_lines = [line for loader in DEMO_EXTENSIONS for line in loader()]
        self.stdout.write(self.style.SUCCESS(f"Demo users (password: {DEMO_PASSWORD}):"))
        for email, description in logins:
            self.stdout.write(f"  {email:32} {description}")
        self.stdout.write(
            "Officials, coordinators and the administrator log in with a second factor:\n"
            f"  add the TOTP secret {DEMO_TOTP_SECRET} to an authenticator app, or run\n"
            "  .venv/bin/python manage.py demo_totp   (prints the current code)"
        )
        for line in extra_lines:
            self.stdout.write(line)
