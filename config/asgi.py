import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
application = get_asgi_application()

from cooperation.lib.database import limit_web_statements  # noqa: E402 (needs the apps loaded)

limit_web_statements()
