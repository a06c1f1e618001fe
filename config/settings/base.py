"""Settings shared by every environment. Values come from the environment.

Without any environment at all the portal runs on embedded defaults: SQLite
under var/, tasks run in-process, the cache in memory and mail written to
var/mail. `local.py`, `production.py` and `test.py` only choose between these
values; nothing exists only in production.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("KUMPPANI_VAR_DIR", BASE_DIR / "var"))
# Local data (the SQLite file, mail written to disk) lives here; it is git-ignored.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


DEBUG = env_bool("DEBUG", False)


def secret_key(debug: bool) -> str:
    """The SECRET_KEY from the environment; a development key only while DEBUG is on."""
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if not debug:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    return "dev-only-insecure-key-never-use-in-production-0123456789abcdef"


ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "cooperation.apps.KumppaniAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "cooperation.apps.CooperationConfig",
    "signals.apps.SignalsConfig",
    "grants.apps.GrantsConfig",
    "partnerships.apps.PartnershipsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "cooperation.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cooperation.middleware.OfficialSecurityMiddleware",
    "cooperation.middleware.BusyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cooperation.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'kumppani.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serialises writers; IMMEDIATE transactions make a writer wait for
    # the lock at BEGIN instead of failing half-way through.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Form choices iterate querysets with .iterator(): on PostgreSQL that would
    # open a server-side cursor (three extra round trips) per drop-down. Lists
    # here are short; plain cursors are faster and work behind pgbouncer.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

# --- Redis: cache and Celery ---------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # A Redis outage degrades the cache instead of failing the pages.
            "BACKEND": "cooperation.lib.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kumppani"),
            # Give up on a Redis that does not answer within half a second.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# Without Redis there is no worker: tasks run in-process, at the call.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Helsinki"
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

# --- Authentication -------------------------------------------------------
AUTH_USER_MODEL = "cooperation.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# After login each person lands on their desk: what waits for them.
LOGIN_REDIRECT_URL = "cooperation:desk"
LOGOUT_REDIRECT_URL = "cooperation:home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kumppani] "
ACCOUNT_ADAPTER = "cooperation.adapters.AccountAdapter"
# The forms that store what is typed refuse personal identity codes.
ACCOUNT_FORMS = {
    "signup": "cooperation.account_forms.GuardedSignupForm",
    "add_email": "cooperation.account_forms.GuardedAddEmailForm",
}
# Login attempts are throttled per IP and per account (stored in the cache).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kumppani"
MFA_ADAPTER = "cooperation.adapters.MFAAdapter"

# Officials and coordinators act on non-public records: their sessions are short.
OFFICIAL_SESSION_SECONDS = env_int("OFFICIAL_SESSION_SECONDS", 4 * 60 * 60)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Invitations to an organisation expire after this long.
INVITATION_VALID_FOR = timedelta(days=env_int("INVITATION_VALID_DAYS", 14))

# --- Mail ------------------------------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST,
                "port": env_int("EMAIL_PORT", 25),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "timeout": 20,
            },
        }
    }
else:
    # Mail a developer can read: one file per message under var/mail.
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }
del EMAIL_HOST
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kumppani <noreply@kumppani.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Language and time ---------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
# The project's own messages, then what its dependencies leave untranslated
# (tests/helpers/catalogues.py); both come before every app's catalogue.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "dependencies"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static and media ------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# WhiteNoise serves collected files from STATIC_ROOT and, while developing or
# testing, straight from the app folders.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads are never served from a public path: views hand them out after a
# permission check.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security headers ------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page uses, switched off (cooperation.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# --- Portal ----------------------------------------------------------------
DIRECTORY_PAGE_SIZE = 20
# How long the directory remembers the number of matches of a query, and the
# front page its counts (seconds).
DIRECTORY_COUNT_CACHE_SECONDS = env_int("DIRECTORY_COUNT_CACHE_SECONDS", 60)
FRONT_PAGE_CACHE_SECONDS = env_int("FRONT_PAGE_CACHE_SECONDS", 300)
# Figures of public pages that count the whole region (signals per topic, grant
# statistics: cooperation.lib.summaries) are recounted at most this often, and
# after a write that changes them no sooner than PUBLIC_SUMMARY_MIN_SECONDS.
# A web request's SQL statement is cancelled after this long (PostgreSQL; 0: no
# limit): cooperation.lib.database. Workers and commands are not limited.
WEB_STATEMENT_TIMEOUT_MS = env_int("WEB_STATEMENT_TIMEOUT_MS", 5000)
PUBLIC_SUMMARY_SECONDS = env_int("PUBLIC_SUMMARY_SECONDS", 300)
PUBLIC_SUMMARY_MIN_SECONDS = env_int("PUBLIC_SUMMARY_MIN_SECONDS", 30)
# A profile counts as current when confirmed within this many days.
PROFILE_CURRENT_DAYS = env_int("PROFILE_CURRENT_DAYS", 365)

# Silent signals.
# The weekly digest is built every Monday at this time (Europe/Helsinki, HH:MM).
SIGNAL_DIGEST_TIME = os.environ.get("SIGNAL_DIGEST_TIME", "07:00")
# A week without new signals: send the NGO team a short "nothing new" note (True)
# or nothing at all (False).
SIGNAL_DIGEST_NOTHING_NEW = env_bool("SIGNAL_DIGEST_NOTHING_NEW", True)
# How many times a digest mail is tried before it waits for the team's "send again".
SIGNAL_DIGEST_MAX_ATTEMPTS = env_int("SIGNAL_DIGEST_MAX_ATTEMPTS", 5)
# Processes that lay out the parts of a long PDF side by side (one per core).
PDF_WORKERS = env_int("PDF_WORKERS", min(2, os.cpu_count() or 1))
# Signals laid out per part of the digest PDF (bounds the memory it takes).
SIGNAL_DIGEST_PDF_PART = env_int("SIGNAL_DIGEST_PDF_PART", 250)
# Submissions per hour through one link, and from one address, without an account.
SIGNAL_RATE_LIMIT_PER_LINK = env_int("SIGNAL_RATE_LIMIT_PER_LINK", 60)
SIGNAL_RATE_LIMIT_PER_ADDRESS = env_int("SIGNAL_RATE_LIMIT_PER_ADDRESS", 20)
SIGNAL_RATE_LIMIT_POSTS_PER_ADDRESS = env_int("SIGNAL_RATE_LIMIT_POSTS_PER_ADDRESS", 100)
# How long a forwarded person's answer link works.
SIGNAL_FORWARD_VALID_FOR = timedelta(days=env_int("SIGNAL_FORWARD_VALID_DAYS", 60))
# A forwarded person's answer is late, on the NGO team's desk, after this many days.
SIGNAL_FORWARD_ANSWER_DAYS = env_int("SIGNAL_FORWARD_ANSWER_DAYS", 14)
# Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For
# is believed for the client address of every rate limit (cooperation.lib.throttle).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
# Forms that need no account and send mail (forum registration, accessibility
# feedback): per hour from one address, and towards one forum or inbox.
PUBLIC_FORM_RATE_LIMIT_PER_ADDRESS = env_int("PUBLIC_FORM_RATE_LIMIT_PER_ADDRESS", 10)
PUBLIC_FORM_RATE_LIMIT_PER_TARGET = env_int("PUBLIC_FORM_RATE_LIMIT_PER_TARGET", 200)

# Grants.
# Largest attachment (PDF) of an application, in bytes.
GRANT_ATTACHMENT_MAX_BYTES = env_int("GRANT_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# Reports due within this many days get a reminder; overdue ones get one more.
GRANT_REPORT_REMINDER_DAYS = env_int("GRANT_REPORT_REMINDER_DAYS", 14)
# A reviewer sees the other reviewers' scores only after submitting their own.
GRANT_HIDE_SCORES_UNTIL_REVIEWED = env_bool("GRANT_HIDE_SCORES_UNTIL_REVIEWED", True)

# --- Personal data: how long it is kept (docs/privacy.md) --------------------
# Days after which the nightly retention job removes each kind of personal data.
# Each can be set from the environment, e.g. RETENTION_SIGNAL_SENDER_CONTACT_DAYS.
PERSONAL_DATA_RETENTION_DAYS = {
    # A signal sender's name, e-mail and phone: counted from the signal's last
    # change once it is answered, closed or not accepted. The signal itself stays.
    "signal_sender_contact": env_int("RETENTION_SIGNAL_SENDER_CONTACT_DAYS", 365),
    # A forwarded signal's outside recipient's e-mail: counted from when the answer
    # link expired. The answer stays.
    "forward_recipient": env_int("RETENTION_FORWARD_RECIPIENT_DAYS", 180),
    # Registrations to an NGO forum (name, e-mail): counted from the forum's end.
    "forum_registration": env_int("RETENTION_FORUM_REGISTRATION_DAYS", 90),
    # The e-mail address given with accessibility feedback: from when it was sent.
    "accessibility_feedback": env_int("RETENTION_ACCESSIBILITY_FEEDBACK_DAYS", 365),
    # Login sessions, deleted this long after they expired.
    "session": env_int("RETENTION_SESSION_DAYS", 0),
    # Invitations not accepted, deleted this long after they expired.
    "invitation": env_int("RETENTION_INVITATION_DAYS", 0),
    # Notices to people (subject and link), deleted this long after they were
    # made, once mailed (or kept only for the desk).
    "notice": env_int("RETENTION_NOTICE_DAYS", 90),
}
# Whom people ask about their data (named in the privacy notice).
PRIVACY_CONTACT_EMAIL = os.environ.get("PRIVACY_CONTACT_EMAIL", "tietosuoja@kumppani.local")
# Where accessibility feedback goes (the statement names it; answered within 14 days).
ACCESSIBILITY_FEEDBACK_EMAIL = os.environ.get(
    "ACCESSIBILITY_FEEDBACK_EMAIL", "saavutettavuus@kumppani.local"
)

# --- Partnership agreements ----------------------------------------------------
AGREEMENT_DOCUMENT_MAX_BYTES = env_int("AGREEMENT_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
# Photos of bookable spaces (JPEG or PNG, checked by content).
SPACE_PHOTO_MAX_BYTES = env_int("SPACE_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
# A follow-up period's reports are due this many days after the period ends.
AGREEMENT_FOLLOW_UP_DUE_DAYS = env_int("AGREEMENT_FOLLOW_UP_DUE_DAYS", 30)
# Days before a follow-up's due date that the parties are reminded.
AGREEMENT_FOLLOW_UP_REMINDER_DAYS = env_int("AGREEMENT_FOLLOW_UP_REMINDER_DAYS", 14)
# Agreements ending within this many days are flagged to the official and the NGOs.
AGREEMENT_EXPIRY_NOTICE_DAYS = env_int("AGREEMENT_EXPIRY_NOTICE_DAYS", 90)
# Agreements laid out per part of a register PDF (bounds its memory).
AGREEMENT_REGISTER_PDF_PART = env_int("AGREEMENT_REGISTER_PDF_PART", 200)

# --- The NGO-friendly municipality checklist ------------------------------------
# Largest evidence document (PDF) of an assessment, in bytes.
CHECKLIST_DOCUMENT_MAX_BYTES = env_int("CHECKLIST_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
# The self-assessment and the NGOs' view "differ widely" from this many
# percentage points apart (a criterion, an area or a theme).
CHECKLIST_WIDE_GAP_POINTS = env_int("CHECKLIST_WIDE_GAP_POINTS", 40)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The portal's public address, used in links sent by e-mail.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# The name mail greets from and signs with (allauth's "Hello from …").
SITE_NAME = os.environ.get("SITE_NAME", "Kumppani")
# The region (or municipality) the installation serves, under the wordmark,
# until the coordinators give the name (and a logo) in the admin.
SITE_REGION_NAME = os.environ.get("SITE_REGION_NAME", "Varsinais-Suomi")
BRAND_LOGO_MAX_BYTES = env_int("BRAND_LOGO_MAX_BYTES", 512 * 1024)
FORM_RENDERER = "cooperation.lib.rendering.PortalFormRenderer"
