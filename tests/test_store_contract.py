"""The contract both stores keep: the same tests run against SQLite and against DynamoDB (moto)."""
from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pytest

from skill import create_app
from skill.store import StoreError, store_for
from skill.store import record as rec
from skill.store.record import Kept
from store_helpers import RawStore

ALICE, BOB = "amzn1.ask.account.ALICE", "amzn1.ask.account.BOB"
SKY = ("THE_SKY", "the sky")
DAY = dt.date(2026, 11, 27)


def new_store(config):
    """A store as a worker would build it: each call is a separate instance with its own connections."""
    return store_for(create_app({"TESTING": True, "SKILL_ENV": "development", **config}))


@pytest.fixture
def store(store_config):
    return new_store(store_config)


@pytest.fixture
def raw(store_config):
    return RawStore(store_config)


def test_unknown_user_has_no_memory(store):
    assert store.recall(ALICE) is None


def test_remembered_with_consent_is_recalled(store):
    store.remember(ALICE, *SKY, rest="long", bell=False)
    assert store.recall(ALICE) == Kept(presence_id="THE_SKY", presence_name="the sky", rest="long", bell=False,
                                       practices=0)
    assert store.recall(BOB) is None


def test_without_consent_nothing_is_created(store, raw):
    store.count_practice(ALICE, DAY)
    store.update(ALICE, rest="short")
    store.update(ALICE, bell=True)
    assert store.recall(ALICE) is None
    assert raw.users() == []


def test_writes_merge_and_count(store):
    store.remember(ALICE, *SKY, rest=None, bell=None)
    store.update(ALICE, rest="short")
    store.update(ALICE, bell=False)
    store.count_practice(ALICE, dt.date(2026, 11, 26))
    store.count_practice(ALICE, DAY)
    assert store.recall(ALICE) == Kept(presence_id="THE_SKY", presence_name="the sky", rest="short", bell=False,
                                       practices=2, last_practice="2026-11-27")
    # Consent again with another presence: the presence changes; the count and the choices stay.
    store.remember(ALICE, "THE_OCEAN", "the ocean", rest=None, bell=None)
    kept = store.recall(ALICE)
    assert (kept.presence_name, kept.practices, kept.rest, kept.bell) == ("the ocean", 2, "short", False)
    # Consent with a rest and a bell chosen in that session: they replace the kept ones.
    store.remember(ALICE, *SKY, rest="medium", bell=True)
    kept = store.recall(ALICE)
    assert (kept.presence_id, kept.rest, kept.bell, kept.practices) == ("THE_SKY", "medium", True, 2)


def test_an_update_naming_nothing_changes_nothing(store, raw):
    store.remember(ALICE, *SKY, rest="long", bell=True)
    before = raw.everything()
    store.update(ALICE)
    assert raw.everything() == before


def test_forget_forgets_only_that_user(store, raw):
    store.remember(ALICE, *SKY, rest=None, bell=None)
    store.remember(BOB, *SKY, rest=None, bell=None)
    store.forget(ALICE)
    assert store.recall(ALICE) is None
    assert store.recall(BOB).presence_id == "THE_SKY"
    assert raw.users() == [BOB]
    store.forget("amzn1.ask.account.NOBODY")  # forgetting nothing is fine


def test_a_practice_after_forget_does_not_bring_the_record_back(store, raw):
    store.remember(ALICE, *SKY, rest="long", bell=None)
    store.forget(ALICE)
    store.count_practice(ALICE, DAY)
    store.update(ALICE, rest="short")
    assert store.recall(ALICE) is None
    assert raw.users() == []


@pytest.mark.parametrize("write", [
    lambda store: store.remember(ALICE, "THE_SKY", "my neighbour <Ann>", rest=None, bell=None),
    lambda store: store.remember(ALICE, "free text id", "the sky", rest=None, bell=None),
    lambda store: store.remember(ALICE, "THE_SKY", None, rest=None, bell=None),
    lambda store: store.remember(ALICE, *SKY, rest="forever", bell=None),
    lambda store: store.remember(ALICE, *SKY, rest=None, bell="loud"),
    lambda store: store.count_practice(ALICE, "yesterday"),
], ids=["name with markup", "free text id", "presence without a name", "unknown rest", "bell not a bool",
        "practice without a date"])
def test_nothing_but_valid_fields_can_be_written(store, raw, write):
    with pytest.raises(ValueError):
        write(store)
    assert raw.users() == []


@pytest.mark.parametrize("change", [{"rest": "forever"}, {"bell": 1}, {"feeling": "ashamed"}],
                         ids=["unknown rest", "bell not a bool", "a feeling"])
def test_an_update_cannot_write_anything_else(store, raw, change):
    store.remember(ALICE, *SKY, rest="long", bell=None)
    before = raw.everything()
    with pytest.raises((ValueError, TypeError)):
        store.update(ALICE, **change)
    assert raw.everything() == before
    assert "ashamed" not in raw.everything()


def test_concurrent_updates_lose_nothing(store_config):
    """Two store instances (as in two workers), several threads each, all counting for the same user."""
    stores = [new_store(store_config), new_store(store_config)]
    stores[0].remember(ALICE, *SKY, rest=None, bell=None)
    per_thread, threads_per_store = 15, 3
    errors = []

    def practise(store, rest):
        try:
            for _ in range(per_thread):
                store.count_practice(ALICE, DAY)
                store.update(ALICE, rest=rest)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=practise, args=(s, rest))
               for s in stores for rest in ("short", "long", "medium")[:threads_per_store]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    kept = stores[1].recall(ALICE)
    assert kept.practices == per_thread * len(threads)
    assert kept.presence_id == "THE_SKY"


def test_a_damaged_record_is_read_as_far_as_it_can_be_trusted(store, raw):
    raw.put(ALICE, {rec.PRESENCE_ID: "THE_SKY", rec.PRESENCE_NAME: 42, rec.REST: "forever",
                    rec.BELL: "loud", rec.PRACTICE_COUNT: 3, rec.LAST_PRACTICE: "yesterday-ish",
                    rec.VERSION: rec.RECORD_VERSION})
    # A presence without a usable name is not offered back; the valid count survives.
    assert store.recall(ALICE) == Kept(practices=3)
    # And the record can still be updated (and repaired) through the store.
    store.remember(ALICE, *SKY, rest=None, bell=None)
    store.count_practice(ALICE, DAY)
    kept = store.recall(ALICE)
    assert (kept.presence_name, kept.practices) == ("the sky", 4)


def test_a_record_with_nothing_to_trust_is_no_memory(store, raw):
    raw.put(ALICE, {rec.PRESENCE_NAME: "the sky", rec.REST: "forever", rec.PRACTICE_COUNT: -1,
                    rec.VERSION: rec.RECORD_VERSION})
    assert store.recall(ALICE) is None


def test_a_record_from_a_newer_version_is_not_guessed_at(store, raw):
    raw.put(ALICE, {rec.PRESENCE_ID: "THE_SKY", rec.PRESENCE_NAME: "the sky", rec.PRACTICE_COUNT: 1,
                    rec.VERSION: rec.RECORD_VERSION + 1})
    assert store.recall(ALICE) is None
    # Nor written over by this (older) code.
    before = raw.everything()
    store.count_practice(ALICE, DAY)
    store.update(ALICE, rest="short")
    store.remember(ALICE, "THE_OCEAN", "the ocean", rest=None, bell=None)
    assert raw.everything() == before


def test_an_old_version_record_is_upgraded(store_config, store, raw):
    if store_config["STORE"] == "sqlite":
        # Version 0 rows have the same columns; the row's version says how to read it.
        old = {rec.PRESENCE_ID: "THE_SKY", rec.PRESENCE_NAME: "the sky", rec.PRACTICE_COUNT: 4, rec.VERSION: 0}
    else:
        # Version 0: the whole-blob layout of ask-sdk's stock adapter, with its own names.
        old = {"presence": "THE_SKY", rec.PRESENCE_NAME: "the sky", "count": 4}
    raw.put(ALICE, old)
    assert store.recall(ALICE) == Kept(presence_id="THE_SKY", presence_name="the sky", practices=4)
    store.count_practice(ALICE, DAY)
    assert store.recall(ALICE).practices == 5


# --- SQLite only: the file, its schema and its migrations -----------------------------------------


def test_sqlite_file_is_made_under_the_instance_folder_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("DATA_DIR")
    app = create_app({"TESTING": True, "SKILL_ENV": "development"})
    app.instance_path = str(tmp_path / "instance")  # not yet there
    store = store_for(app)
    store.remember(ALICE, *SKY, rest=None, bell=None)
    assert (tmp_path / "instance" / "memory.sqlite3").exists()
    with sqlite3.connect(tmp_path / "instance" / "memory.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sqlite_schema_migrations_run_once_and_keep_data(tmp_path, monkeypatch):
    from skill.store import sqlite as sqlite_store

    path = tmp_path / "memory.sqlite3"
    sqlite_store.SqliteStore(path).remember(ALICE, *SKY, rest=None, bell=None)
    later = [*sqlite_store.MIGRATIONS, "ALTER TABLE memories ADD COLUMN later_field TEXT"]
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", later)
    monkeypatch.setattr(sqlite_store, "SCHEMA_VERSION", len(later))
    migrated = sqlite_store.SqliteStore(path)
    assert migrated.recall(ALICE).presence_id == "THE_SKY"
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version FROM schema_version").fetchall() == [(2,)]
        assert "later_field" in [row[1] for row in db.execute("PRAGMA table_info(memories)")]


def test_sqlite_file_from_a_newer_schema_is_left_alone(tmp_path):
    from skill.store.sqlite import SqliteStore

    path = tmp_path / "memory.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        db.execute("INSERT INTO schema_version VALUES (99)")
    with pytest.raises(StoreError):
        SqliteStore(path).recall(ALICE)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version FROM schema_version").fetchall() == [(99,)]


def test_sqlite_connection_is_reopened_in_a_forked_worker(tmp_path, monkeypatch):
    """gunicorn forks after the app is built: a child must never reuse its parent's connection."""
    from skill.store import sqlite as sqlite_store

    store = sqlite_store.SqliteStore(tmp_path / "memory.sqlite3")
    first = store._connection()
    assert store._connection() is first
    monkeypatch.setattr(sqlite_store.os, "getpid", lambda: -1)  # as if in a forked child
    assert store._connection() is not first


# --- Choosing the store ----------------------------------------------------------------------------


def test_dynamodb_store_builds_nothing_at_import_or_app_creation():
    """boto3 loads, and the table's resource is made, on first use only."""
    import subprocess
    import sys

    code = ("import sys; from skill import create_app; "
            "app = create_app({'STORE': 'dynamodb', 'DYNAMODB_TABLE': 'memories'}); "
            "print(sorted(m for m in ('boto3', 'botocore') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_store_setting_picks_the_store(tmp_path):
    from skill.store.dynamodb import DynamoDbStore
    from skill.store.sqlite import SqliteStore

    assert isinstance(new_store({"DATA_DIR": str(tmp_path)}), SqliteStore)
    assert isinstance(new_store({"STORE": "dynamodb", "DYNAMODB_TABLE": "t"}), DynamoDbStore)
    with pytest.raises(ValueError):
        new_store({"STORE": "postgres"})
    with pytest.raises(ValueError):
        new_store({"STORE": "dynamodb"})  # no table named
