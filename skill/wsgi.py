"""The WSGI entry point: `gunicorn -c gunicorn.conf.py skill.wsgi:app`.

This is what faces the internet, so it will not start with request verification off
(SKILL_ENV=development) or with no SKILL_IDS, unless ALLOW_UNVERIFIED_REQUESTS=1 says so
(`make run` does, on 127.0.0.1).
"""
import os

from . import create_app
from .verification import require_safe_production_settings

app = create_app()
require_safe_production_settings(app.config, os.environ)
