"""AWS Lambda entry point for an `alexaSkill` trigger: `skill.lambda_handler.handler`.

With a direct Lambda invocation the event IS the request envelope and there is no HTTP, so
there are no signature headers to check: Lambda's own trigger permission (restricted to the
skill id) guards the function, and the skill id is checked here again. The skill is the same
object the web app serves, built once per container on the first invocation.
"""
from __future__ import annotations

import logging
import os
import threading

from . import create_app
from .endpoint import answer, check_envelope
from .verification import check_skill_id, is_development, require_safe_production_settings

log = logging.getLogger("skill.lambda")

_app = None
_app_lock = threading.Lock()


def _skill_app():
    """The app built on the first invocation of this container and kept for the next ones."""
    global _app
    if _app is None:
        with _app_lock:
            if _app is None:
                app = create_app()
                require_safe_production_settings(app.config, os.environ)
                _app = app
    return _app


def handler(event, context):
    app = _skill_app()
    envelope = check_envelope(event)
    if not is_development(app.config):
        check_skill_id(envelope, app.config.get("SKILL_IDS") or ())
    with app.app_context():
        return answer(app.extensions["alexa_skill"], envelope, context)
