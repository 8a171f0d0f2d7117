"""The WSGI entry point: `gunicorn skill.wsgi:app`."""
from . import create_app

app = create_app()
