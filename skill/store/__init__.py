"""Where the skill keeps what a person asked it to remember (see record.py for what that is).

STORE picks one: "sqlite" (the default, a file under DATA_DIR) or "dynamodb"
(the table DYNAMODB_TABLE). Both are ask-sdk persistence adapters.
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask

STORES = ("sqlite", "dynamodb")


def store_for(app: Flask):
    """The persistence adapter the settings ask for. Opens nothing yet: connections come on first use."""
    kind = app.config.get("STORE") or "sqlite"
    if kind == "sqlite":
        from .sqlite import FILE_NAME, SqliteStore

        data_dir = Path(app.config.get("DATA_DIR") or app.instance_path)
        return SqliteStore(data_dir / FILE_NAME)
    if kind == "dynamodb":
        from .dynamodb import DynamoDbStore

        return DynamoDbStore(app.config.get("DYNAMODB_TABLE") or "",
                             endpoint_url=app.config.get("DYNAMODB_ENDPOINT_URL") or None,
                             region_name=app.config.get("DYNAMODB_REGION") or None)
    raise ValueError(f"STORE must be one of {', '.join(STORES)}, not {kind!r}")
