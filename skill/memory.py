"""The practice's view of the store: recall, remember, count, forget, and never fail loudly.

A store that cannot be reached must not cost anyone their practice: every call
here catches the failure, logs its type only (never a user id or a word the
user said), and answers as if there were nothing to remember.
"""
from __future__ import annotations

import datetime as dt
import logging

from .store import record as rec

log = logging.getLogger(__name__)


class Memory:
    """One person's memory, through the request's ask-sdk attributes manager."""

    def __init__(self, attributes_manager=None):
        self._manager = attributes_manager

    def _attempt(self, action: str, work, failed):
        if self._manager is None:
            return failed
        try:
            return work()
        except Exception as error:  # noqa: BLE001 - a store failure must never end the practice
            log.warning("memory store unavailable: action=%s error=%s", action, type(error).__name__)
            return failed

    def recall(self) -> dict:
        """What was kept for this person ({} for a first-time user, or if the store is unreachable)."""
        return self._attempt("recall", lambda: rec.read(self._manager.persistent_attributes), {})

    def _save(self, action: str, attributes: dict) -> bool:
        def save():
            self._manager.persistent_attributes = attributes
            self._manager.save_persistent_attributes()
            return True

        return self._attempt(action, save, False)

    def remember(self, presence_id: str, presence_name: str, rest: str | None, bell: bool | None) -> bool:
        """Consent given: keep the presence (and the rest they chose). Creates the record."""
        attributes = {rec.CONSENT: True, rec.PRESENCE_ID: presence_id, rec.PRESENCE_NAME: presence_name}
        if rest:
            attributes[rec.REST] = rest
        if bell is not None:
            attributes[rec.BELL] = bell
        return self._save("remember", attributes)

    def update(self, **fields) -> bool:
        """Change what is already kept (never creates a record)."""
        return self._save("update", fields)

    def count_practice(self, today: dt.date | None = None) -> bool:
        """One more practice finished (only if this person asked to be remembered)."""
        today = today or dt.datetime.now(dt.timezone.utc).date()
        return self._save("count", {rec.ADD_PRACTICES: 1, rec.LAST_PRACTICE: today.isoformat()})

    def forget(self) -> bool:
        def delete():
            self._manager.delete_persistent_attributes()
            return True

        return self._attempt("forget", delete, False)
