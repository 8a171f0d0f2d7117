"""What one person's memory holds, and how an older or damaged record is read.

Both stores keep exactly these fields and nothing else (no feelings, no free
text): the stores differ only in where the bytes live.

Every write is a *merge*, not a replacement, so that two requests for the same
person handled at the same moment by two workers cannot undo each other:
  - only the fields a write names are set, the others are left alone;
  - a practice is added to the stored count in the same atomic write
    (an SQL UPDATE / a DynamoDB UpdateItem), never read and written back;
  - only `remember` (the person said yes to being remembered) creates a record;
    every other write changes an existing record or does nothing, so a practice
    finishing in one session cannot bring back a record "forget me" just
    deleted in another.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal

RECORD_VERSION = 1

PRESENCE_ID = "presence_id"          # the slot value id from entity resolution, e.g. "THE_SKY"
PRESENCE_NAME = "presence_name"      # its canonical name, e.g. "the sky"
REST = "rest"                        # "short" | "medium" | "long"
BELL = "bell"                        # True: a soft chime at the start and end of the rest
PRACTICE_COUNT = "practice_count"    # practices finished since consent
LAST_PRACTICE = "last_practice"      # ISO date (no time) of the last finished practice
VERSION = "version"

SETTABLE_FIELDS = (PRESENCE_ID, PRESENCE_NAME, REST, BELL, LAST_PRACTICE)
REST_LENGTHS = ("short", "medium", "long")

_ID = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
_NAME = re.compile(r"[a-z][a-z' ]{0,63}")


def _valid(field: str, value) -> bool:
    if field == PRESENCE_ID:
        return isinstance(value, str) and bool(_ID.fullmatch(value))
    if field == PRESENCE_NAME:
        return isinstance(value, str) and bool(_NAME.fullmatch(value))
    if field == REST:
        return value in REST_LENGTHS
    if field == BELL:
        return isinstance(value, bool)
    if field == LAST_PRACTICE:
        try:
            _dt.date.fromisoformat(value)
            return isinstance(value, str)
        except (TypeError, ValueError):
            return False
    if field == PRACTICE_COUNT:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return False


def _from_unversioned(record: dict) -> dict:
    """Version 0: a whole-blob record as ask-sdk's stock adapters save it ("presence", "count")."""
    upgraded = dict(record)
    if "presence" in upgraded and PRESENCE_ID not in upgraded:
        upgraded[PRESENCE_ID] = upgraded.pop("presence")
    if "count" in upgraded and PRACTICE_COUNT not in upgraded:
        upgraded[PRACTICE_COUNT] = upgraded.pop("count")
    return upgraded


# The migration hook: UPGRADES[n] turns a version-n record into a version n+1 one.
UPGRADES = {0: _from_unversioned}


def whole_number(value):
    """DynamoDB hands numbers back as Decimal: a whole one becomes an int, anything else stays as it is."""
    if isinstance(value, bool) or isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal)) and value == int(value):
        return int(value)
    return value


@dataclass(frozen=True)
class Kept:
    """What a person asked to be remembered, as the skill may use it (None where nothing is kept)."""

    presence_id: str | None = None
    presence_name: str | None = None
    rest: str | None = None
    bell: bool | None = None
    practices: int | None = None
    last_practice: str | None = None


def clean(raw) -> dict:
    """A stored record upgraded to this version, with anything invalid left out ({} if nothing is left).

    A damaged record never raises: what cannot be trusted is simply not remembered.
    A record from a *newer* version than this code knows is not guessed at.
    """
    if not isinstance(raw, dict):
        return {}
    record = {key: whole_number(value) for key, value in raw.items()}
    version = record.get(VERSION, 0)
    if not isinstance(version, int) or version > RECORD_VERSION or version < 0:
        return {}
    while version < RECORD_VERSION:
        record = UPGRADES[version](record)
        version += 1
    kept = {f: record[f] for f in (*SETTABLE_FIELDS, PRACTICE_COUNT) if f in record and _valid(f, record[f])}
    if PRESENCE_ID not in kept or PRESENCE_NAME not in kept:
        kept.pop(PRESENCE_ID, None)
        kept.pop(PRESENCE_NAME, None)
    if kept:
        kept[VERSION] = RECORD_VERSION
    return kept


def read(raw) -> Kept | None:
    """A stored record as the skill may use it (see clean); None when nothing in it can be trusted."""
    kept = clean(raw)
    if not kept:
        return None
    return Kept(presence_id=kept.get(PRESENCE_ID), presence_name=kept.get(PRESENCE_NAME), rest=kept.get(REST),
                bell=kept.get(BELL), practices=kept.get(PRACTICE_COUNT), last_practice=kept.get(LAST_PRACTICE))


def to_set(**fields) -> dict:
    """The fields a write sets (None: leave that field alone), each one checked.

    Raises ValueError for anything the skill must never store (unknown fields, invalid values):
    a bug must not be able to write a feeling or free text.
    """
    chosen = {field: value for field, value in fields.items() if value is not None}
    for field, value in chosen.items():
        if field not in SETTABLE_FIELDS:
            raise ValueError(f"not storable: {field}")
        if not _valid(field, value):
            raise ValueError(f"invalid value for {field}")
    return chosen


def to_remember(presence_id: str, presence_name: str, rest: str | None, bell: bool | None) -> dict:
    """The fields consent keeps: a presence always (both its id and its name), the rest and bell if chosen."""
    if presence_id is None or presence_name is None:
        raise ValueError("a presence needs both its id and its name")
    return to_set(presence_id=presence_id, presence_name=presence_name, rest=rest, bell=bell)


def practice_on(day: _dt.date) -> dict:
    """The field a finished practice sets (the count itself is added by the store, atomically)."""
    if not isinstance(day, _dt.date):
        raise ValueError("a practice is counted on a date")
    return to_set(last_practice=day.isoformat())
