"""Run the weekly digest job now (the same service Celery beat runs on Mondays).

On the embedded defaults there is no beat: run this by hand or from cron.
Running it twice does nothing the second time.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from signals import services


class Command(BaseCommand):
    help = "Build the weekly digests of new signals and send every waiting delivery."

    def handle(self, *args, **options):
        built, failing = services.digest_run()
        for digest in built:
            self.stdout.write(
                _("Digest %(digest)s: %(count)s signals")
                % {"digest": digest.municipality, "count": digest.signal_count}
            )
        self.stdout.write(
            _("%(built)s digests built, %(failing)s deliveries failing")
            % {"built": len(built), "failing": failing}
        )
        if failing:
            raise SystemExit(1)
