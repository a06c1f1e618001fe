from config.formats.finnish import *  # noqa: F403
