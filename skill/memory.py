"""The practice's view of the store: recall, remember, update, count, forget, and never fail loudly.

A store that cannot be reached must not cost anyone their practice: every call
here catches the failure, logs the action and the error's type only (never a
user id or a word the user said), and answers as if there were nothing to remember.
"""
from __future__ import annotations

import datetime as dt
import logging

from .store import MemoryStore
from .store.record import Kept

log = logging.getLogger(__name__)


class Memory:
    """One person's memory in one store. Memory() (no store, or no user id) keeps nothing."""

    def __init__(self, store: MemoryStore | None = None, user_id: str | None = None):
        self._store = store
        self._user_id = user_id

    def _attempt(self, action: str, work, failed):
        """work() for this person; `failed` when there is no store, or it fails."""
        if self._store is None or not self._user_id:
            return failed
        try:
            return work()
        except Exception as error:  # noqa: BLE001 - a store failure must never end the practice
            log.warning("memory store unavailable: action=%s error=%s", action, type(error).__name__)
            return failed

    def _write(self, action: str, work) -> bool:
        """True once work() is done; False when there is no store, or it fails."""
        def written():
            work()
            return True

        return self._attempt(action, written, False)

    def recall(self) -> Kept | None:
        """What was kept for this person (None for a first-time user, or if the store is unreachable)."""
        return self._attempt("recall", lambda: self._store.recall(self._user_id), None)

    def remember(self, presence_id: str, presence_name: str, rest: str | None, bell: bool | None) -> bool:
        """Consent given: keep the presence (and the rest and bell they chose). Creates the record."""
        return self._write("remember", lambda: self._store.remember(
            self._user_id, presence_id, presence_name, rest or None, bell))

    def update(self, **fields) -> bool:
        """Change what is already kept: rest=..., bell=... (never creates a record)."""
        return self._write("update", lambda: self._store.update(self._user_id, **fields))

    def count_practice(self, today: dt.date | None = None) -> bool:
        """One more practice finished (counted only if this person asked to be remembered)."""
        today = today or dt.datetime.now(dt.timezone.utc).date()
        return self._write("count", lambda: self._store.count_practice(self._user_id, today))

    def forget(self) -> bool:
        """Delete everything kept for this person; False if the store could not be reached."""
        return self._write("forget", lambda: self._store.forget(self._user_id))
