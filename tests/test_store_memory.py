"""skill/memory.py: the practice's view of a MemoryStore, which never raises and never leaks."""
from __future__ import annotations

import datetime as dt
import inspect
import logging

import pytest

from skill.memory import Memory
from skill.store import MemoryStore, StoreError
from skill.store.dynamodb import DynamoDbStore
from skill.store.record import Kept
from skill.store.sqlite import SqliteStore

ALICE = "amzn1.ask.account.ALICE"
ACTIONS = ("recall", "remember", "update", "count_practice", "forget")


@pytest.mark.parametrize("store_class", [SqliteStore, DynamoDbStore])
def test_each_store_has_exactly_the_interface(store_class):
    for name in ACTIONS:
        assert inspect.signature(getattr(store_class, name)) == inspect.signature(getattr(MemoryStore, name)), name


def test_memory_reaches_the_store_for_its_person(tmp_path):
    store = SqliteStore(tmp_path / "memory.sqlite3")
    memory = Memory(store, ALICE)
    assert memory.recall() is None
    assert memory.update(rest="long") and memory.count_practice() and store.recall(ALICE) is None  # no consent yet
    assert memory.remember("THE_SKY", "the sky", "", None)  # "" is no rest chosen
    assert memory.update(bell=False)
    assert memory.count_practice(dt.date(2026, 11, 27))
    assert memory.recall() == Kept(presence_id="THE_SKY", presence_name="the sky", bell=False, practices=1,
                                   last_practice="2026-11-27")
    assert Memory(store, "amzn1.ask.account.BOB").recall() is None
    assert memory.forget() and memory.recall() is None


@pytest.mark.parametrize("memory", [Memory(), Memory(None, ALICE)], ids=["no store", "no store, a user"])
def test_memory_without_a_store_keeps_nothing(memory):
    assert memory.recall() is None
    assert not memory.remember("THE_SKY", "the sky", None, None)
    assert not memory.update(rest="long")
    assert not memory.count_practice()
    assert not memory.forget()


def test_memory_without_a_user_id_keeps_nothing(tmp_path):
    store = SqliteStore(tmp_path / "memory.sqlite3")
    for user_id in (None, ""):
        assert not Memory(store, user_id).remember("THE_SKY", "the sky", None, None)
    assert not (tmp_path / "memory.sqlite3").exists()


class Unreachable:
    """A store whose every call fails, with a message that would leak if it were logged."""

    def _fail(self, *args, **kwargs):
        raise StoreError(f"leaked {args} {kwargs}")

    recall = remember = update = count_practice = forget = _fail


def test_a_failing_store_is_caught_and_logged_by_action_and_type_only(caplog):
    memory = Memory(Unreachable(), ALICE)
    with caplog.at_level(logging.WARNING):
        answers = (memory.recall(), memory.remember("THE_SKY", "the sky", "long", True),
                   memory.update(rest="short"), memory.count_practice(), memory.forget())
    assert answers == (None, False, False, False, False)
    messages = [record.getMessage() for record in caplog.records]
    assert messages == [f"memory store unavailable: action={action} error=StoreError"
                        for action in ("recall", "remember", "update", "count", "forget")]


def test_a_value_the_store_refuses_is_caught_too(tmp_path, caplog):
    memory = Memory(SqliteStore(tmp_path / "memory.sqlite3"), ALICE)
    with caplog.at_level(logging.WARNING):
        assert not memory.remember("THE_SKY", "my neighbour <Ann>", None, None)
        assert not memory.update(feeling="ashamed")
    assert memory.recall() is None
    assert [r.getMessage() for r in caplog.records] == ["memory store unavailable: action=remember error=ValueError",
                                                         "memory store unavailable: action=update error=TypeError"]
