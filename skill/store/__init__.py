"""Where the skill keeps what a person asked it to remember (see record.py for what that is).

STORE picks one: "sqlite" (the default, a file under DATA_DIR) or "dynamodb"
(the table DYNAMODB_TABLE). Both implement MemoryStore, and nothing else is asked of them.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

from flask import Flask

from .record import Kept

STORES = ("sqlite", "dynamodb")


class StoreError(Exception):
    """The store could not do what was asked. Its message names an error type, never a user id or a value."""


class MemoryStore(Protocol):
    """One record per user id. A write that names an invalid value raises ValueError and stores nothing."""

    def recall(self, user_id: str) -> Kept | None:
        """What is kept for this person; None if nothing is (or nothing kept can be trusted)."""

    def remember(self, user_id: str, presence_id: str, presence_name: str, rest: str | None,
                 bell: bool | None) -> None:
        """Consent: keep this presence (and the rest and bell, where chosen). The only write that creates a record."""

    def update(self, user_id: str, *, rest: str | None = None, bell: bool | None = None) -> None:
        """Change what is kept (None: leave it); never creates a record."""

    def count_practice(self, user_id: str, day: dt.date) -> None:
        """One more practice finished on `day`, added atomically; never creates a record."""

    def forget(self, user_id: str) -> None:
        """Delete everything kept for this person (nothing kept is fine)."""


def store_for(app: Flask) -> MemoryStore:
    """The store the settings ask for. Opens nothing yet: connections come on first use."""
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
