"""What one person's memory holds, and how an older or damaged record is read.

Both stores keep exactly these fields and nothing else (no feelings, no free
text): the stores differ only in where the bytes live.

Saving is a *merge*, not a replacement, so that two requests for the same
person handled at the same moment by two workers cannot undo each other:
  - fields present in the saved attributes are set, absent ones are left alone;
  - ADD_PRACTICES is not stored: it is added to the stored practice count in the
    same atomic write (an SQL UPSERT / a DynamoDB UpdateItem);
  - a record is created only when CONSENT is true (the person said yes to being
    remembered); any other save changes an existing record or does nothing, so a
    practice finishing in one session cannot bring back a record "forget me" just
    deleted in another.
"""
from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal

RECORD_VERSION = 1

PRESENCE_ID = "presence_id"          # the slot value id from entity resolution, e.g. "THE_SKY"
PRESENCE_NAME = "presence_name"      # its canonical name, e.g. "the sky"
REST = "rest"                        # "short" | "medium" | "long"
BELL = "bell"                        # True: a soft chime at the start and end of the rest
PRACTICE_COUNT = "practice_count"    # practices finished since consent
LAST_PRACTICE = "last_practice"      # ISO date (no time) of the last finished practice
VERSION = "version"

# Keys of a save that are instructions to the store, never stored themselves.
CONSENT = "consent"
ADD_PRACTICES = "add_practices"

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


def read(raw) -> dict:
    """A stored record as the skill may use it: upgraded, with anything invalid left out.

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
    clean = {f: record[f] for f in (*SETTABLE_FIELDS, PRACTICE_COUNT) if f in record and _valid(f, record[f])}
    if PRESENCE_ID not in clean or PRESENCE_NAME not in clean:
        clean.pop(PRESENCE_ID, None)
        clean.pop(PRESENCE_NAME, None)
    if clean:
        clean[VERSION] = RECORD_VERSION
    return clean


def changes(attributes: dict) -> tuple[dict, int, bool]:
    """What a save asks for: (fields to set, practices to add, may create the record).

    Raises ValueError for anything the skill must never store (unknown keys, invalid values):
    a bug must not be able to write a feeling or free text.
    """
    if not isinstance(attributes, dict):
        raise ValueError("attributes must be a dict")
    unknown = set(attributes) - {*SETTABLE_FIELDS, CONSENT, ADD_PRACTICES}
    if unknown:
        raise ValueError(f"not storable: {sorted(unknown)}")
    fields = {k: v for k, v in attributes.items() if k in SETTABLE_FIELDS}
    for field, value in fields.items():
        if not _valid(field, value):
            raise ValueError(f"invalid value for {field}")
    add = attributes.get(ADD_PRACTICES, 0)
    if not isinstance(add, int) or isinstance(add, bool) or add < 0:
        raise ValueError("add_practices must be a non-negative int")
    return fields, add, attributes.get(CONSENT) is True
