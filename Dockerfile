# The portal's image: web (gunicorn), Celery worker and beat all run from it.
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.production

# Pango for WeasyPrint, gettext for the translations, Voikko and its Finnish
# dictionary for the search.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext \
    libvoikko1 voikko-fi \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.8
COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --frozen --no-dev --python "$(which python)"
COPY . .
RUN SECRET_KEY=build-only EMAIL_HOST=build-only python manage.py compilemessages --ignore /opt/venv -v 0 \
 && SECRET_KEY=build-only EMAIL_HOST=build-only python manage.py collectstatic --no-input -v 0 \
 && useradd --system --home /app kumppani && mkdir -p /app/var/uploads /app/var/beat && chown -R kumppani /app/var
USER kumppani
EXPOSE 8000
# config/gunicorn.py: an access log without query strings, no server banner.
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
