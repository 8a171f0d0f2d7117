"""Shared Compassion: a voice skill for a short relational self-compassion practice."""
from __future__ import annotations

import logging

from flask import Flask

from . import config as settings


def create_app(config: dict | None = None) -> Flask:
    """App factory: settings from the defaults, then the environment, then `config`."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(settings.DEFAULTS)
    app.config.update(settings.from_environment())
    app.config.update(config or {})
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s")

    from . import endpoint, verification

    verification.init_app(app)
    endpoint.init_app(app)
    if app.config["SKILL_ENV"] == "development":
        # The page at /simulator; production never even imports it.
        from . import web_simulator

        web_simulator.init_app(app)
    return app
