"""The quick start: DEBUG on unless the environment says otherwise, plain http."""

from .base import *  # noqa: F403
from .base import env_bool, secret_key

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = secret_key(DEBUG)
