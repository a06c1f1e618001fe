import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
application = get_wsgi_application()

from cooperation.lib.database import limit_web_statements  # noqa: E402 (needs the apps loaded)

limit_web_statements()
