"""The embedded store: one SQLite file, shared safely by every gunicorn worker and thread.

- WAL journal, so readers never wait for the one writer.
- One connection per (process, thread), opened lazily: gunicorn forks its workers
  after the app is created, and an SQLite connection must never cross a fork.
- busy_timeout, plus a few retries, for the moments two workers write at once.
- Every write is one statement (an UPSERT or UPDATE that adds to the count in SQL),
  so concurrent writes for the same person cannot lose an update.
- A schema_version table and MIGRATIONS, so a later change can migrate the file.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
import time
from pathlib import Path

from . import StoreError
from . import record as rec
from .record import Kept

FILE_NAME = "memory.sqlite3"
# gunicorn kills a worker after 6 s; (1 s + a short sleep) x 3 attempts stays well inside it.
BUSY_TIMEOUT_MS = 1000
BUSY_RETRIES = 2

# MIGRATIONS[n] brings the schema from version n to n+1. Append, never edit.
MIGRATIONS = [
    """
    CREATE TABLE memories (
        user_id        TEXT PRIMARY KEY,
        presence_id    TEXT,
        presence_name  TEXT,
        rest           TEXT,
        bell           INTEGER,
        practice_count INTEGER NOT NULL DEFAULT 0,
        last_practice  TEXT,
        version        INTEGER NOT NULL
    )
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (rec.PRESENCE_ID, rec.PRESENCE_NAME, rec.REST, rec.BELL, rec.PRACTICE_COUNT,
            rec.LAST_PRACTICE, rec.VERSION)

# A row written by newer code is not ours to change (it is not read either: see record.read).
_NOT_NEWER = f"version <= {rec.RECORD_VERSION}"


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


class SqliteStore:
    """The MemoryStore over an SQLite file (see record.py for what a write means)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._local = threading.local()
        self._schema_lock = threading.Lock()
        self._schema_ready_in_pid = None

    # --- connections -----------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        pid = os.getpid()
        if getattr(self._local, "pid", None) != pid:
            # New thread, or a forked child that inherited its parent's thread-local.
            self._local.connection = self._open()
            self._local.pid = pid
        return self._local.connection

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                     check_same_thread=True)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        with self._schema_lock:
            if self._schema_ready_in_pid != os.getpid():
                self._run(lambda: self._migrate(connection))
                self._schema_ready_in_pid = os.getpid()
        return connection

    def _schema_version(self, connection: sqlite3.Connection) -> int:
        try:
            row = connection.execute("SELECT version FROM schema_version").fetchone()
        except sqlite3.OperationalError as error:
            if "no such table" in str(error):
                return 0
            raise
        return row[0] if row else 0

    def _migrate(self, connection: sqlite3.Connection) -> None:
        if self._schema_version(connection) == SCHEMA_VERSION:
            return  # the usual case: a read only, so a busy writer elsewhere does not stop us opening
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = connection.execute("SELECT version FROM schema_version").fetchone()
            current = row[0] if row else 0
            if current > SCHEMA_VERSION:
                raise StoreError(f"store schema {current} is newer than this code ({SCHEMA_VERSION})")
            for version in range(current, SCHEMA_VERSION):
                connection.execute(MIGRATIONS[version])
            if row is None:
                connection.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
            else:
                connection.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    def _run(self, work):
        """Run `work`, retrying a few times if another writer holds the lock longer than busy_timeout."""
        for attempt in range(BUSY_RETRIES + 1):
            try:
                return work()
            except sqlite3.OperationalError as error:
                if not _is_busy(error) or attempt == BUSY_RETRIES:
                    raise
                time.sleep(0.05 * (attempt + 1))

    def _execute(self, sql: str, params=()):
        try:
            return self._run(lambda: self._connection().execute(sql, params).fetchall())
        except sqlite3.Error as error:
            # The type only: sqlite messages can quote values.
            raise StoreError(f"sqlite store failed: {type(error).__name__}") from None

    # --- the MemoryStore ---------------------------------------------------------------

    def recall(self, user_id: str) -> Kept | None:
        rows = self._execute(f"SELECT {', '.join(_COLUMNS)} FROM memories WHERE user_id = ?", (user_id,))
        if not rows:
            return None
        raw = dict(zip(_COLUMNS, rows[0]))
        if raw[rec.BELL] in (0, 1):
            raw[rec.BELL] = bool(raw[rec.BELL])
        return rec.read({k: v for k, v in raw.items() if v is not None})

    def remember(self, user_id: str, presence_id: str, presence_name: str, rest: str | None,
                 bell: bool | None) -> None:
        values = _as_columns(rec.to_remember(presence_id, presence_name, rest, bell))
        names = list(values)
        # A new record starts at no practices; an existing one keeps its count and fields not named here.
        updates = [f"{n} = excluded.{n}" for n in names] + [f"version = {rec.RECORD_VERSION}"]
        self._execute(f"INSERT INTO memories (user_id, {', '.join(names)}, practice_count, version) "
                      f"VALUES ({', '.join('?' * (len(names) + 1))}, 0, {rec.RECORD_VERSION}) "
                      f"ON CONFLICT(user_id) DO UPDATE SET {', '.join(updates)} WHERE memories.{_NOT_NEWER}",
                      (user_id, *values.values()))

    def update(self, user_id: str, *, rest: str | None = None, bell: bool | None = None) -> None:
        self._change(user_id, rec.to_set(rest=rest, bell=bell), add=0)

    def count_practice(self, user_id: str, day: dt.date) -> None:
        self._change(user_id, rec.practice_on(day), add=1)

    def forget(self, user_id: str) -> None:
        self._execute("DELETE FROM memories WHERE user_id = ?", (user_id,))

    def _change(self, user_id: str, fields: dict, add: int) -> None:
        """One UPDATE of an existing record (none: nothing happens), the count added to in SQL."""
        values = _as_columns(fields)
        if not values and not add:
            return
        updates = [f"{n} = ?" for n in values] + ["practice_count = practice_count + ?"]
        self._execute(f"UPDATE memories SET {', '.join(updates)} WHERE user_id = ? AND {_NOT_NEWER}",
                      (*values.values(), add, user_id))


def _as_columns(fields: dict) -> dict:
    """SQLite has no booleans: the bell is kept as 0 or 1."""
    return {k: (int(v) if k == rec.BELL else v) for k, v in fields.items()}
