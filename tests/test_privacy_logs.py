"""Nothing a user says, and no user id in clear, ever reaches the logs: not in a full practice,
not in a crisis turn, not when a handler fails with their words in its exception."""
import logging
import traceback

import pytest

from conftest import Conversation
from skill.practice import Practice

USER_ID = "amzn1.ask.account.PRIVATE-USER-7f3a9c"
FEELING = "quietly ashamed about Bartholomew"
PRESENCE = "my aunt Philomena"
CRISIS_WORDS = "I want to end my life on Thursday"
SECRETS = [USER_ID, "PRIVATE-USER", "Bartholomew", "Philomena", "Thursday", "ashamed about", "end my life"]


def everything_logged(records) -> str:
    """Every record as a handler would write it: message, arguments, and any traceback."""
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    lines = []
    for record in records:
        lines.append(formatter.format(record))
        lines.append(repr(record.args))
        if record.exc_info:
            lines.append("".join(traceback.format_exception(*record.exc_info)))
        if record.stack_info:
            lines.append(record.stack_info)
    return "\n".join(lines)


@pytest.fixture
def all_logs(caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("", "skill", "ask_sdk_core", "werkzeug", "flask.app"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    return caplog


def assert_nothing_private(caplog):
    logged = everything_logged(caplog.records)
    assert caplog.records, "expected the request lines to be logged"
    for secret in SECRETS:
        assert secret.lower() not in logged.lower(), secret


def test_a_full_practice_and_a_crisis_turn_log_nothing_private(client, locale, all_logs):
    conversation = Conversation(client, locale=locale, user_id=USER_ID)
    conversation.launch()
    conversation.intent("BeginIntent")
    conversation.intent("ReadyIntent")
    conversation.intent("FeelingIntent", feeling=FEELING)
    conversation.intent("PresenceIntent", presence=PRESENCE)
    conversation.intent("AMAZON.RepeatIntent")
    conversation.intent("RestIntent")
    assert "Philomena" in conversation.speech  # the practice did hear them
    conversation.launch()
    conversation.intent("BeginIntent")
    conversation.intent("ReadyIntent")
    conversation.intent("FeelingIntent", feeling=CRISIS_WORDS)
    assert conversation.attributes["step"] == "crisis"
    conversation.intent("AMAZON.NoIntent")
    assert_nothing_private(all_logs)


def test_a_failing_handler_logs_nothing_private(client, all_logs, monkeypatch):
    def fails_with_their_words(self):
        raise ValueError(f"could not reflect {self.slots['feeling'].heard} for {USER_ID}")

    monkeypatch.setattr(Practice, "reflect_feeling", fails_with_their_words)
    conversation = Conversation(client, user_id=USER_ID)
    conversation.launch()
    conversation.intent("BeginIntent")
    conversation.intent("ReadyIntent")
    conversation.intent("FeelingIntent", feeling=FEELING)
    assert "something went wrong" in conversation.speech
    assert any(r.levelno >= logging.ERROR for r in all_logs.records)
    assert_nothing_private(all_logs)


# Issue 12: words of every kind of danger, each with a word of its own that must never be logged.
DANGER_WORDS = {
    "immediate": ("I've swallowed all of Ignatius's tablets", "Ignatius"),
    "medical": ("my uncle Wilberforce collapsed and he's not breathing", "Wilberforce"),
    "someone_else": ("my friend Persephone says she wants to kill herself", "Persephone"),
    "violence": ("my husband Reginald hits me", "Reginald"),
    "panic": ("I'm having a panic attack about Octavia", "Octavia"),
    "suicidal": ("I want to end my life like Montgomery", "Montgomery"),
}


@pytest.mark.parametrize("kind", sorted(DANGER_WORDS))
def test_words_of_every_kind_of_danger_log_nothing_private(client, locale, all_logs, kind):
    from skill.safety import assess

    words, name = DANGER_WORDS[kind]
    assert assess(words).kind == kind  # the sentence really is of its kind
    conversation = Conversation(client, locale=locale, user_id=USER_ID)
    conversation.launch()
    conversation.intent("BeginIntent")
    conversation.intent("ReadyIntent")
    conversation.intent("FeelingIntent", feeling=words)
    conversation.intent("PresenceIntent", presence=words)
    logged = everything_logged(all_logs.records)
    assert all_logs.records, "expected the request lines to be logged"
    for secret in (name, words, USER_ID, "PRIVATE-USER"):
        assert secret.lower() not in logged.lower(), secret
