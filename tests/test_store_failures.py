"""A store that fails never costs anyone their practice, says nothing alarming, leaks nothing, breaks nothing."""
from __future__ import annotations

import logging
import sqlite3


from conftest import Conversation, free_port
from skill import create_app, envelopes
from skill.speech import en
from skill.store import record as rec
from store_helpers import RawStore

FEELING, PRESENCE = "ashamed", "the sky"


def whole_practice_with_consent(conversation):
    """Every step, saying yes to being remembered; each answer must be the practice, never an apology."""
    conversation.launch()
    conversation.intent("AMAZON.YesIntent")
    conversation.intent("ReadyIntent")
    conversation.intent("FeelingIntent", feeling=FEELING)
    conversation.intent("PresenceIntent", presence=PRESENCE)
    assert "This is painful." in conversation.speech
    conversation.intent("RestIntent")
    if "shall I remember" in conversation.speech:
        conversation.intent("AMAZON.YesIntent")
    spoken_with_yes = conversation.speech
    assert conversation.ended and "Take good care" in conversation.speech
    return spoken_with_yes


def assert_calm_and_private(conversation, spoken_with_yes, caplog):
    assert en.ERROR.split(",")[0] not in conversation.speech
    assert "I'll remember" not in spoken_with_yes  # no promise the store could not keep
    failures = [r for r in caplog.records if "memory store unavailable" in r.getMessage()]
    assert failures, "the failure must be logged"
    for record in caplog.records:
        message = record.getMessage()
        assert envelopes.DEFAULT_USER_ID not in message
        assert FEELING not in message and PRESENCE not in message and "THE_SKY" not in message


def practise(app, caplog):
    with app.test_client() as client:
        conversation = Conversation(client)
        with caplog.at_level(logging.INFO):
            spoken = whole_practice_with_consent(conversation)
        return conversation, spoken


def test_sqlite_in_a_directory_that_cannot_be_made(tmp_path, caplog):
    (tmp_path / "a-file").write_text("not a directory")
    app = create_app({"TESTING": True, "SKILL_ENV": "development", "DATA_DIR": str(tmp_path / "a-file" / "data")})
    conversation, spoken = practise(app, caplog)
    assert_calm_and_private(conversation, spoken, caplog)


def test_sqlite_file_that_is_not_a_database_is_left_untouched(tmp_path, caplog):
    data = tmp_path / "data"
    data.mkdir()
    damaged = b"this was never an sqlite file\x00\x01" * 100
    (data / "memory.sqlite3").write_bytes(damaged)
    app = create_app({"TESTING": True, "SKILL_ENV": "development", "DATA_DIR": str(data)})
    conversation, spoken = practise(app, caplog)
    assert_calm_and_private(conversation, spoken, caplog)
    assert (data / "memory.sqlite3").read_bytes() == damaged


def test_sqlite_locked_by_another_writer_keeps_what_was_stored(tmp_path, caplog):
    config = {"STORE": "sqlite", "DATA_DIR": str(tmp_path / "data")}
    raw = RawStore(config)
    raw.put(envelopes.DEFAULT_USER_ID, {rec.PRESENCE_ID: "THE_SKY", rec.PRESENCE_NAME: "the sky",
                                        rec.PRACTICE_COUNT: 7, rec.VERSION: rec.RECORD_VERSION})
    before = raw.kept(envelopes.DEFAULT_USER_ID)
    app = create_app({"TESTING": True, "SKILL_ENV": "development", **config})
    blocker = sqlite3.connect(raw.sqlite_path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with app.test_client() as client, caplog.at_level(logging.INFO):
            conversation = Conversation(client)
            conversation.launch()
            # Reading still works under WAL: the returning user is still greeted by the memory.
            assert "Last time, the sky sat with you" in conversation.speech
            conversation.intent("AMAZON.YesIntent")
            conversation.intent("ReadyIntent")
            conversation.intent("FeelingIntent", feeling=FEELING)
            conversation.intent("RestIntent")  # counting fails while the other writer holds the lock
            assert conversation.ended and "Take good care" in conversation.speech
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert raw.kept(envelopes.DEFAULT_USER_ID) == before
    assert any("memory store unavailable: action=count" in r.getMessage() for r in caplog.records)


def test_dynamodb_unreachable(moto_endpoint, caplog):
    app = create_app({"TESTING": True, "SKILL_ENV": "development", "STORE": "dynamodb",
                      "DYNAMODB_TABLE": "memories", "DYNAMODB_REGION": "us-east-1",
                      "DYNAMODB_ENDPOINT_URL": f"http://127.0.0.1:{free_port()}"})
    conversation, spoken = practise(app, caplog)
    assert_calm_and_private(conversation, spoken, caplog)


def test_forget_me_while_the_store_is_down_is_honest(tmp_path, caplog):
    (tmp_path / "a-file").write_text("not a directory")
    app = create_app({"TESTING": True, "SKILL_ENV": "development", "DATA_DIR": str(tmp_path / "a-file" / "x")})
    with app.test_client() as client:
        conversation = Conversation(client)
        conversation.launch()
        conversation.intent("ForgetMeIntent")
        assert "nothing has been deleted yet" in conversation.speech
        assert conversation.ended is False
