"""The test suite: the same settings as local, made fast and deterministic."""

from .base import *
from .base import VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-key-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = VAR_DIR / "test-uploads"
# Tests run tasks in-process so that they see their results at once, whatever
# broker is configured; the Redis cache, when configured, is still used.
CELERY_TASK_ALWAYS_EAGER = True
# Counts are computed fresh in tests; the cache's own behaviour has its tests.
DIRECTORY_COUNT_CACHE_SECONDS = 0
FRONT_PAGE_CACHE_SECONDS = 0
PUBLIC_SUMMARY_SECONDS = 0
# A code computed by a test may be checked a moment after its 30-second window
# closed; one step of tolerance keeps those tests from failing by the clock.
MFA_TOTP_TOLERANCE = 1
# A rate limit shared across tests would make them depend on each other.
ACCOUNT_RATE_LIMITS = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Each run gets its own keys so that runs never see each other's counters.
    import os

    CACHES["default"]["KEY_PREFIX"] = f"kumppani-test-{os.getpid()}"

# Signal forms without an account: high limits, so that only the tests of the
# limits themselves (which lower them) ever meet one.
SIGNAL_RATE_LIMIT_PER_LINK = 10_000
SIGNAL_RATE_LIMIT_PER_ADDRESS = 10_000
SIGNAL_RATE_LIMIT_POSTS_PER_ADDRESS = 10_000
PUBLIC_FORM_RATE_LIMIT_PER_ADDRESS = 10_000
PUBLIC_FORM_RATE_LIMIT_PER_TARGET = 10_000

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not SQLite's shared in-memory database: there, a second connection
    # meeting a lock fails at once instead of waiting, and the tests of
    # concurrent decisions and bookings need real waiting writers.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
