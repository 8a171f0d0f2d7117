"""Remembering, only with consent: each journey runs on both stores, through POST /alexa."""
from __future__ import annotations

import pytest

from conftest import Conversation
from skill import create_app, envelopes
from skill.practice import BELL_SOUND
from skill.ssml import break_seconds
from store_helpers import RawStore

FULL_INTRO = "Together, we'll name what you feel"


@pytest.fixture
def app(store_config):
    return create_app({"TESTING": True, "SKILL_ENV": "development", **store_config})


@pytest.fixture
def raw(store_config):
    return RawStore(store_config)


def practise_until_presence(conversation, feeling="ashamed"):
    conversation.launch()
    conversation.intent("AMAZON.YesIntent")
    conversation.intent("ReadyIntent")
    conversation.intent("FeelingIntent", feeling=feeling)


def practise_and_keep(conversation, presence="the sky"):
    practise_until_presence(conversation)
    conversation.intent("PresenceIntent", presence=presence)
    assert "This is painful." in conversation.speech and "remember" not in conversation.speech
    conversation.intent("RestIntent")
    assert f"Before you go: shall I remember that {presence} sat with you?" in conversation.speech
    conversation.intent("AMAZON.YesIntent")
    assert f"I'll remember {presence}" in conversation.speech
    assert conversation.ended


def test_first_launch_hears_the_full_introduction_and_nothing_is_kept(conversation, raw):
    conversation.launch()
    assert FULL_INTRO in conversation.speech
    assert raw.users() == []


def test_consent_keeps_the_presence_and_counts_the_practice(conversation, raw):
    practise_and_keep(conversation)
    kept = raw.everything()
    assert "THE_SKY" in kept and "the sky" in kept
    assert envelopes.DEFAULT_USER_ID in raw.users()
    # Feelings are never kept, nor anything said in the user's own words.
    assert "ashamed" not in kept.lower()


def test_returning_user_is_greeted_by_the_memory_and_may_accept_it(conversation, raw):
    practise_and_keep(conversation)
    conversation.launch()
    assert "Welcome back" in conversation.speech
    assert "Last time, the sky sat with you" in conversation.speech
    assert "Would you like to invite the sky again?" in conversation.speech
    assert FULL_INTRO not in conversation.speech
    conversation.intent("AMAZON.YesIntent")
    assert "let's invite the sky again" in conversation.speech
    conversation.intent("ReadyIntent")
    conversation.intent("FeelingIntent", feeling="lonely")
    # Already invited: no "who or what can sit with me", no second consent question, straight to the phrase.
    assert "Let the sky be here with you now" in conversation.speech
    assert "Shall I remember" not in conversation.speech
    assert "This is painful." in conversation.speech
    conversation.intent("RestIntent")
    assert raw.kept(envelopes.DEFAULT_USER_ID).practices == 2


def test_returning_user_may_go_on_without_it(conversation, raw):
    practise_and_keep(conversation)
    conversation.launch()
    conversation.intent("AMAZON.NoIntent")
    assert "Shall we begin?" in conversation.speech
    conversation.intent("AMAZON.YesIntent")
    conversation.intent("ReadyIntent")
    conversation.intent("FeelingIntent", feeling="tired")
    assert "Who, or what, can sit with me" in conversation.speech
    conversation.intent("SkipIntent")
    assert "Let the quiet itself keep you company" in conversation.speech
    assert "THE_SKY" in raw.everything()  # what was kept stays kept


def test_returning_user_may_choose_another_and_is_asked_before_it_is_kept(conversation, raw):
    practise_and_keep(conversation)
    conversation.launch()
    conversation.intent("PresenceIntent", presence="the ocean")
    assert conversation.attributes["step"] == "pause"
    conversation.intent("ReadyIntent")
    conversation.intent("FeelingIntent", feeling="lost")
    assert "Let the ocean be here with you now." in conversation.speech
    conversation.intent("RestIntent")
    assert "Before you go: shall I remember that the ocean sat with you?" in conversation.speech
    conversation.intent("AMAZON.YesIntent")
    assert "THE_OCEAN" in raw.everything() and "THE_SKY" not in raw.everything()


def test_no_to_remembering_keeps_nothing(conversation, raw):
    practise_until_presence(conversation)
    conversation.intent("PresenceIntent", presence="my grandmother")
    assert "This is painful." in conversation.speech
    conversation.intent("RestIntent")
    assert "Before you go: shall I remember that your grandmother sat with you?" in conversation.speech
    conversation.intent("AMAZON.NoIntent")
    assert "I won't keep it" in conversation.speech and conversation.ended
    assert raw.users() == []


def test_silence_at_the_close_keeps_nothing(conversation, raw):
    practise_until_presence(conversation)
    conversation.intent("PresenceIntent", presence="my grandmother")
    conversation.intent("RestIntent")
    conversation.send(envelopes.session_ended_request("EXCEEDED_MAX_REPROMPTS"), new_session=False)
    assert raw.users() == []
    conversation.launch()
    assert FULL_INTRO in conversation.speech
    conversation.launch()
    assert FULL_INTRO in conversation.speech


def test_a_presence_the_model_did_not_resolve_is_never_offered_to_be_kept(conversation, raw):
    practise_until_presence(conversation)
    conversation.intent("PresenceIntent", presence="the smell of my aunt's kitchen")
    assert "Shall I remember" not in conversation.speech
    assert "This is painful." in conversation.speech
    conversation.intent("RestIntent")
    assert raw.users() == []


def test_forget_me_deletes_everything_and_the_next_launch_is_a_first(conversation, raw):
    practise_and_keep(conversation)
    conversation.launch()
    conversation.intent("ForgetMeIntent")
    assert "I've forgotten everything I kept for you" in conversation.speech
    assert conversation.ended is False  # the practice can still go on
    assert raw.users() == []
    conversation.launch()
    assert FULL_INTRO in conversation.speech and "Welcome back" not in conversation.speech


def test_forget_me_as_a_one_shot_confirms_and_ends(conversation, raw):
    practise_and_keep(conversation)
    conversation.intent("ForgetMeIntent")  # a new session: "ask shared compassion to forget me"
    assert "I've forgotten everything" in conversation.speech
    assert conversation.ended
    assert raw.users() == []


def test_skill_disabled_deletes_what_was_kept(conversation, client, raw):
    practise_and_keep(conversation)
    other = Conversation(client, user_id="amzn1.ask.account.SOMEONEELSE")
    practise_and_keep(other)
    event = envelopes.envelope({"type": "AlexaSkillEvent.SkillDisabled",
                                "eventCreationTime": envelopes.now_iso(),
                                "eventPublishingTime": envelopes.now_iso(),
                                "body": {"userInformation": {"persistenceStatus": "PERSISTED"}}},
                               with_session=False)
    response = client.post("/alexa", json=event)
    assert response.status_code == 200
    assert "outputSpeech" not in response.get_json()["response"]
    assert raw.users() == ["amzn1.ask.account.SOMEONEELSE"]
    conversation.launch()
    assert FULL_INTRO in conversation.speech


@pytest.mark.parametrize("asked, seconds", [("short", 30), ("one minute", 60), ("three minutes", 180)])
def test_rest_length_is_chosen_and_its_silence_is_real(conversation, asked, seconds):
    practise_until_presence(conversation)
    conversation.intent("SkipIntent")
    conversation.intent("RestLengthIntent", length=asked)
    assert conversation.ended
    breaks = break_seconds(conversation.speech)
    assert max(breaks) <= 10
    # ("just a short one" arrives as length=short through the sample "just a {length} one".)
    # The rest itself is one run of chained breaks of exactly the chosen length, between the bells.
    between_bells = conversation.speech.split(f'<audio src="{BELL_SOUND}"/>')[1]
    assert sum(break_seconds(between_bells)) == seconds


def test_a_kept_rest_length_and_no_bell_come_back_next_time(conversation):
    practise_and_keep(conversation)
    conversation.launch()
    conversation.intent("RestLengthIntent", length="longer")
    assert "a longer rest, about three minutes" in conversation.speech
    conversation.intent("NoBellIntent")
    assert "no bell" in conversation.speech
    conversation.launch()
    conversation.intent("AMAZON.NoIntent")
    conversation.intent("AMAZON.YesIntent")
    conversation.intent("ReadyIntent")
    conversation.intent("FeelingIntent", feeling="tired")
    conversation.intent("SkipIntent")
    conversation.intent("RestIntent")
    assert "<audio" not in conversation.speech
    assert sum(break_seconds(conversation.speech)) >= 180


def test_rest_length_not_understood_asks_again_kindly(conversation):
    practise_until_presence(conversation)
    conversation.intent("SkipIntent")
    conversation.intent("RestLengthIntent", length="a fortnight")
    assert "Half a minute, one minute, or three minutes?" in conversation.speech
    assert conversation.ended is False
