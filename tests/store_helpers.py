"""Reaching past the stores into what each one really holds, for tests only."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from skill.store.dynamodb import PARTITION_KEY, RECORD_ATTRIBUTE
from skill.store.record import Kept
from skill.store.sqlite import FILE_NAME


class RawStore:
    """The raw contents of one store, as settings from the `store_config` fixture describe it."""

    def __init__(self, config: dict):
        self.config = config

    @property
    def sqlite_path(self) -> Path:
        return Path(self.config["DATA_DIR"]) / FILE_NAME

    def _table(self):
        import boto3

        return boto3.resource("dynamodb", endpoint_url=self.config["DYNAMODB_ENDPOINT_URL"],
                              region_name=self.config["DYNAMODB_REGION"]).Table(self.config["DYNAMODB_TABLE"])

    def put(self, user_id: str, record: dict) -> None:
        """Write a record exactly as given, bypassing every check (old or damaged records)."""
        if self.config["STORE"] == "sqlite":
            from skill.store.sqlite import SqliteStore

            SqliteStore(self.sqlite_path)._connection()  # make sure the schema exists
            columns = ["user_id", *record]
            with sqlite3.connect(self.sqlite_path) as db:
                db.execute(f"INSERT OR REPLACE INTO memories ({', '.join(columns)}) "
                           f"VALUES ({', '.join('?' * len(columns))})", (user_id, *record.values()))
        else:
            self._table().put_item(Item={PARTITION_KEY: user_id, RECORD_ATTRIBUTE: record})

    def everything(self) -> str:
        """All that the store holds, as text: to show what is (and is not) kept."""
        if self.config["STORE"] == "sqlite":
            if not self.sqlite_path.exists():
                return ""
            with sqlite3.connect(self.sqlite_path) as db:
                return repr(db.execute("SELECT * FROM memories").fetchall())
        return repr(self._table().scan()["Items"])

    def users(self) -> list[str]:
        if self.config["STORE"] == "sqlite":
            if not self.sqlite_path.exists():
                return []
            with sqlite3.connect(self.sqlite_path) as db:
                return [row[0] for row in db.execute("SELECT user_id FROM memories")]
        return [item[PARTITION_KEY] for item in self._table().scan()["Items"]]

    def kept(self, user_id: str) -> Kept | None:
        """The record as the skill reads it, through a fresh instance of the same store."""
        from skill import create_app
        from skill.store import store_for

        app = create_app({"TESTING": True, "SKILL_ENV": "development", **self.config})
        return store_for(app).recall(user_id)
