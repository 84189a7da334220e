"""The settings django-stubs loads while type-checking: the real ones, with a key that is never served."""

import os

os.environ.setdefault("SECRET_KEY", "type-checking-only-" + "x" * 40)

from jixiao.web.settings import *  # noqa: F403
