"""Settings, with defaults that are safe for production and overridable from the environment."""
from __future__ import annotations

import os

# Alexa never sends more than a few KiB; anything much larger is not from Alexa.
MAX_REQUEST_BYTES = 64 * 1024

DEFAULTS = {
    # "production" or "development". Development relaxes what only makes sense on the internet.
    "SKILL_ENV": "production",
    # Application ids this endpoint answers for (comma-separated in SKILL_IDS); empty means any.
    "SKILL_IDS": (),
    "MAX_CONTENT_LENGTH": MAX_REQUEST_BYTES,
    # Where remembered presences are kept: "sqlite" (a file in DATA_DIR) or "dynamodb".
    "STORE": "sqlite",
    # Directory of the SQLite file; empty means Flask's instance folder.
    "DATA_DIR": "",
    # The DynamoDB table (STORE=dynamodb); endpoint and region only to point at a stand-in.
    "DYNAMODB_TABLE": "",
    "DYNAMODB_ENDPOINT_URL": "",
    "DYNAMODB_REGION": "",
}

# Settings read from the environment as plain strings when set.
_STRING_SETTINGS = ("STORE", "DATA_DIR", "DYNAMODB_TABLE", "DYNAMODB_ENDPOINT_URL", "DYNAMODB_REGION")


def from_environment(environ=os.environ) -> dict:
    """The settings the deployed app reads from its environment."""
    config = {}
    if "SKILL_ENV" in environ:
        config["SKILL_ENV"] = environ["SKILL_ENV"]
    if environ.get("SKILL_IDS"):
        config["SKILL_IDS"] = tuple(s.strip() for s in environ["SKILL_IDS"].split(",") if s.strip())
    for name in _STRING_SETTINGS:
        if environ.get(name):
            config[name] = environ[name]
    return config
