"""The contract both stores keep: the same tests run against SQLite and against DynamoDB (moto)."""
from __future__ import annotations

import sqlite3
import threading

import pytest
from ask_sdk_core.exceptions import PersistenceException

from skill import create_app
from skill.store import record as rec
from skill.store import store_for
from store_helpers import RawStore, request_for

ALICE, BOB = "amzn1.ask.account.ALICE", "amzn1.ask.account.BOB"
SKY = {rec.CONSENT: True, rec.PRESENCE_ID: "THE_SKY", rec.PRESENCE_NAME: "the sky"}


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
    assert store.get_attributes(request_for(ALICE)) == {}


def test_saved_with_consent_is_loaded(store):
    store.save_attributes(request_for(ALICE), {**SKY, rec.REST: "long", rec.BELL: False})
    assert store.get_attributes(request_for(ALICE)) == {
        rec.PRESENCE_ID: "THE_SKY", rec.PRESENCE_NAME: "the sky", rec.REST: "long", rec.BELL: False,
        rec.PRACTICE_COUNT: 0, rec.VERSION: rec.RECORD_VERSION}
    assert store.get_attributes(request_for(BOB)) == {}


def test_without_consent_nothing_is_created(store, raw):
    store.save_attributes(request_for(ALICE), {rec.ADD_PRACTICES: 1, rec.LAST_PRACTICE: "2026-11-27"})
    store.save_attributes(request_for(ALICE), {rec.REST: "short"})
    assert store.get_attributes(request_for(ALICE)) == {}
    assert raw.users() == []


def test_a_save_merges_and_counts(store):
    store.save_attributes(request_for(ALICE), SKY)
    store.save_attributes(request_for(ALICE), {rec.REST: "short"})
    store.save_attributes(request_for(ALICE), {rec.ADD_PRACTICES: 1, rec.LAST_PRACTICE: "2026-11-26"})
    store.save_attributes(request_for(ALICE), {rec.ADD_PRACTICES: 1, rec.LAST_PRACTICE: "2026-11-27"})
    kept = store.get_attributes(request_for(ALICE))
    assert (kept[rec.PRESENCE_ID], kept[rec.REST], kept[rec.PRACTICE_COUNT], kept[rec.LAST_PRACTICE]) == (
        "THE_SKY", "short", 2, "2026-11-27")
    # Consent again with another presence: the presence changes, the count stays.
    store.save_attributes(request_for(ALICE), {**SKY, rec.PRESENCE_ID: "THE_OCEAN", rec.PRESENCE_NAME: "the ocean"})
    kept = store.get_attributes(request_for(ALICE))
    assert (kept[rec.PRESENCE_NAME], kept[rec.PRACTICE_COUNT]) == ("the ocean", 2)


def test_delete_forgets_only_that_user(store, raw):
    store.save_attributes(request_for(ALICE), SKY)
    store.save_attributes(request_for(BOB), SKY)
    store.delete_attributes(request_for(ALICE))
    assert store.get_attributes(request_for(ALICE)) == {}
    assert store.get_attributes(request_for(BOB))[rec.PRESENCE_ID] == "THE_SKY"
    assert raw.users() == [BOB]
    store.delete_attributes(request_for("amzn1.ask.account.NOBODY"))  # deleting nothing is fine


@pytest.mark.parametrize("attributes", [
    {"feeling": "ashamed"},
    {**SKY, rec.PRESENCE_NAME: "my neighbour <Ann>"},
    {**SKY, rec.PRESENCE_ID: "free text id"},
    {rec.REST: "forever"},
    {rec.ADD_PRACTICES: -3},
])
def test_nothing_but_the_known_fields_can_be_written(store, raw, attributes):
    with pytest.raises(ValueError):
        store.save_attributes(request_for(ALICE), attributes)
    assert raw.users() == []


def test_concurrent_updates_lose_nothing(store_config):
    """Two store instances (as in two workers), several threads each, all counting for the same user."""
    stores = [new_store(store_config), new_store(store_config)]
    stores[0].save_attributes(request_for(ALICE), SKY)
    per_thread, threads_per_store = 15, 3
    errors = []

    def practise(store, rest):
        try:
            for _ in range(per_thread):
                store.save_attributes(request_for(ALICE), {rec.ADD_PRACTICES: 1, rec.LAST_PRACTICE: "2026-11-27"})
                store.save_attributes(request_for(ALICE), {rec.REST: rest})
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=practise, args=(s, rest))
               for s in stores for rest in ("short", "long", "medium")[:threads_per_store]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    kept = stores[1].get_attributes(request_for(ALICE))
    assert kept[rec.PRACTICE_COUNT] == per_thread * len(threads)
    assert kept[rec.PRESENCE_ID] == "THE_SKY"


def test_a_damaged_record_is_read_as_far_as_it_can_be_trusted(store, raw):
    raw.put(ALICE, {rec.PRESENCE_ID: "THE_SKY", rec.PRESENCE_NAME: 42, rec.REST: "forever",
                    rec.BELL: "loud", rec.PRACTICE_COUNT: 3, rec.LAST_PRACTICE: "yesterday-ish",
                    rec.VERSION: rec.RECORD_VERSION})
    # A presence without a usable name is not offered back; the valid count survives.
    assert store.get_attributes(request_for(ALICE)) == {rec.PRACTICE_COUNT: 3, rec.VERSION: rec.RECORD_VERSION}
    # And the record can still be updated (and repaired) through the adapter.
    store.save_attributes(request_for(ALICE), {**SKY, rec.ADD_PRACTICES: 1})
    kept = store.get_attributes(request_for(ALICE))
    assert (kept[rec.PRESENCE_NAME], kept[rec.PRACTICE_COUNT]) == ("the sky", 4)


def test_a_record_from_a_newer_version_is_not_guessed_at(store, raw):
    raw.put(ALICE, {rec.PRESENCE_ID: "THE_SKY", rec.PRESENCE_NAME: "the sky", rec.PRACTICE_COUNT: 1,
                    rec.VERSION: rec.RECORD_VERSION + 1})
    assert store.get_attributes(request_for(ALICE)) == {}


def test_an_old_version_record_is_upgraded(store_config, store, raw):
    if store_config["STORE"] == "sqlite":
        # Version 0 rows have the same columns; the row's version says how to read it.
        old = {rec.PRESENCE_ID: "THE_SKY", rec.PRESENCE_NAME: "the sky", rec.PRACTICE_COUNT: 4, rec.VERSION: 0}
    else:
        # Version 0: the whole-blob layout of ask-sdk's stock adapter, with its own names.
        old = {"presence": "THE_SKY", rec.PRESENCE_NAME: "the sky", "count": 4}
    raw.put(ALICE, old)
    assert store.get_attributes(request_for(ALICE)) == {
        rec.PRESENCE_ID: "THE_SKY", rec.PRESENCE_NAME: "the sky", rec.PRACTICE_COUNT: 4,
        rec.VERSION: rec.RECORD_VERSION}
    store.save_attributes(request_for(ALICE), {rec.ADD_PRACTICES: 1})
    assert store.get_attributes(request_for(ALICE))[rec.PRACTICE_COUNT] == 5


# --- SQLite only: the file, its schema and its migrations -----------------------------------------


def test_sqlite_file_is_made_under_the_instance_folder_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("DATA_DIR")
    app = create_app({"TESTING": True, "SKILL_ENV": "development"})
    app.instance_path = str(tmp_path / "instance")  # not yet there
    store = store_for(app)
    store.save_attributes(request_for(ALICE), SKY)
    assert (tmp_path / "instance" / "memory.sqlite3").exists()
    with sqlite3.connect(tmp_path / "instance" / "memory.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sqlite_schema_migrations_run_once_and_keep_data(tmp_path, monkeypatch):
    from skill.store import sqlite as sqlite_store

    path = tmp_path / "memory.sqlite3"
    sqlite_store.SqliteStore(path).save_attributes(request_for(ALICE), SKY)
    later = [*sqlite_store.MIGRATIONS, "ALTER TABLE memories ADD COLUMN later_field TEXT"]
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", later)
    monkeypatch.setattr(sqlite_store, "SCHEMA_VERSION", len(later))
    migrated = sqlite_store.SqliteStore(path)
    assert migrated.get_attributes(request_for(ALICE))[rec.PRESENCE_ID] == "THE_SKY"
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version FROM schema_version").fetchall() == [(2,)]
        assert "later_field" in [row[1] for row in db.execute("PRAGMA table_info(memories)")]


def test_sqlite_file_from_a_newer_schema_is_left_alone(tmp_path):
    from skill.store.sqlite import SqliteStore

    path = tmp_path / "memory.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        db.execute("INSERT INTO schema_version VALUES (99)")
    with pytest.raises(PersistenceException):
        SqliteStore(path).get_attributes(request_for(ALICE))
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
    """boto3 and the library's adapter (which builds a resource as a default argument) load on first use."""
    import subprocess
    import sys

    code = ("import sys; from skill import create_app; "
            "app = create_app({'STORE': 'dynamodb', 'DYNAMODB_TABLE': 'memories'}); "
            "print(sorted(m for m in ('boto3', 'botocore', 'ask_sdk_dynamodb') if m in sys.modules))")
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
