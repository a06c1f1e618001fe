"""The quick start: DEBUG on unless the environment says otherwise, plain http."""

from .base import *
from .base import env_bool, secret_key

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = secret_key(DEBUG)
