"""Crisis language, wherever it arrives, gets a warm, direct answer with the locale's line.

Every test runs in every locale (the `conversation` fixture is parametrized by locale).
"""
import xml.etree.ElementTree as ET

import pytest

CRISIS, PRESENCE = "crisis", "presence"  # the steps, as the session attributes name them
from skill.safety import crisis_line, support_lines
from skill.ssml import break_seconds, plain_text

CRISIS_WORDS = "like I want to die"


def assert_crisis_answer(conversation):
    """The crisis response: the line by voice and on a card, emergency number, honesty, an offer."""
    line = crisis_line(conversation.locale)
    speech = conversation.speech
    ET.fromstring(speech)
    assert line.call.ssml in speech
    assert line.emergency.ssml in speech
    if line.text:
        assert line.text.ssml in speech
    assert "can't call anyone" in speech
    assert "slow breath" in speech
    assert conversation.attributes["step"] == CRISIS
    assert conversation.ended is False
    card = conversation.last["response"]["card"]
    assert line.call.display in card["content"] and line.emergency.display in card["content"]
    if line.text:
        assert line.text.display in card["content"]
    # Their words are not said back, and not kept.
    assert "want to die" not in speech
    assert "feeling" not in conversation.attributes


def to_feeling_step(conversation):
    conversation.launch()
    conversation.intent("BeginIntent")
    conversation.intent("ReadyIntent")
    assert conversation.attributes["step"] == "feeling"


def test_crisis_words_as_a_feeling_get_the_crisis_answer(conversation):
    to_feeling_step(conversation)
    conversation.intent("FeelingIntent", feeling=CRISIS_WORDS)
    assert_crisis_answer(conversation)


def test_the_crisis_intent_gets_the_crisis_answer(conversation):
    to_feeling_step(conversation)
    conversation.intent("CrisisIntent")
    assert_crisis_answer(conversation)


@pytest.mark.parametrize("step_intents", [
    [], ["BeginIntent"], ["BeginIntent", "ReadyIntent", ("FeelingIntent", "anxious")],
])
def test_crisis_words_in_any_slot_at_any_step(conversation, step_intents):
    conversation.launch()
    for step in step_intents:
        if isinstance(step, tuple):
            conversation.intent(step[0], feeling=step[1])
        else:
            conversation.intent(step)
    conversation.intent("PresenceIntent", presence="I don't want to be here anymore")
    assert_crisis_answer(conversation)


def test_a_one_shot_with_crisis_words(conversation):
    conversation.send(conversation_intent("FeelingIntent", "feeling", "I want to kill myself"), new_session=True)
    assert_crisis_answer(conversation)


def conversation_intent(name, slot_name, value):
    from skill import envelopes
    return envelopes.intent_request(name, {slot_name: envelopes.slot(slot_name, value)})


def test_yes_breathes_together_then_offers_the_number_and_a_choice(conversation):
    to_feeling_step(conversation)
    conversation.intent("CrisisIntent")
    conversation.intent("AMAZON.YesIntent")
    assert "Breathe in" in conversation.speech
    assert sum(break_seconds(conversation.speech)) >= 20
    assert crisis_line(conversation.locale).call.ssml in conversation.speech
    assert conversation.attributes["step"] == CRISIS and conversation.ended is False
    conversation.intent("AMAZON.YesIntent")
    assert conversation.attributes["step"] == "pause"
    assert "gently" in conversation.speech


def test_no_ends_kindly_with_the_number_on_the_card(conversation):
    to_feeling_step(conversation)
    conversation.intent("CrisisIntent")
    conversation.intent("AMAZON.NoIntent")
    line = crisis_line(conversation.locale)
    assert conversation.ended is True
    assert line.call.ssml in conversation.speech
    assert line.call.display in conversation.last["response"]["card"]["content"]


def test_after_the_breath_no_also_ends_kindly(conversation):
    to_feeling_step(conversation)
    conversation.intent("CrisisIntent")
    conversation.intent("AMAZON.YesIntent")
    conversation.intent("AMAZON.NoIntent")
    assert conversation.ended is True
    assert "Take good care" in conversation.speech


@pytest.mark.parametrize("ask_again", ["CrisisNumberIntent", "AMAZON.RepeatIntent", "AMAZON.HelpIntent"])
def test_the_number_again_is_one_request_away(conversation, ask_again):
    to_feeling_step(conversation)
    conversation.intent("CrisisIntent")
    conversation.intent(ask_again)
    assert crisis_line(conversation.locale).call.ssml in conversation.speech
    assert conversation.attributes["step"] == CRISIS and conversation.ended is False


def test_the_number_can_be_asked_for_outside_a_crisis_too(conversation):
    to_feeling_step(conversation)
    conversation.intent("CrisisNumberIntent")
    assert crisis_line(conversation.locale).call.ssml in conversation.speech
    assert conversation.attributes["step"] == "feeling"


@pytest.mark.parametrize("intent", [
    "BeginIntent", "ReadyIntent", "SkipIntent", "NotSureIntent", "PhraseIntent", "RestIntent",
    "AMAZON.StartOverIntent", "AMAZON.FallbackIntent", "LearnMoreIntent",
])
def test_the_practice_does_not_carry_on_as_if_nothing_was_said(conversation, intent):
    to_feeling_step(conversation)
    conversation.intent("CrisisIntent")
    conversation.intent(intent)
    assert conversation.attributes["step"] == CRISIS and conversation.ended is False
    assert "still here" in conversation.speech
    assert "slow breath" in conversation.speech


def test_an_ordinary_feeling_in_the_crisis_step_does_not_restart_the_practice(conversation):
    to_feeling_step(conversation)
    conversation.intent("CrisisIntent")
    conversation.intent("FeelingIntent", feeling="tired")
    assert conversation.attributes["step"] == CRISIS


@pytest.mark.parametrize("intent", ["AMAZON.StopIntent", "AMAZON.CancelIntent"])
def test_stop_in_the_crisis_step_leaves_the_number(conversation, intent):
    to_feeling_step(conversation)
    conversation.intent("CrisisIntent")
    conversation.intent(intent)
    assert conversation.ended is True
    assert crisis_line(conversation.locale).call.display in conversation.last["response"]["card"]["content"]


def test_heavy_feelings_continue_with_care_and_the_card_mentions_help_once(conversation):
    to_feeling_step(conversation)
    conversation.intent("FeelingIntent", feeling="hopeless")
    assert conversation.attributes["step"] == PRESENCE
    assert "heavy" in conversation.speech
    card = conversation.last["response"]["card"]
    assert crisis_line(conversation.locale).call.display in card["content"]
    assert crisis_line(conversation.locale).call.ssml not in conversation.speech
    conversation.intent("AMAZON.StartOverIntent")
    conversation.intent("ReadyIntent")
    conversation.intent("FeelingIntent", feeling="numb")
    assert conversation.attributes["step"] == PRESENCE
    assert "card" not in conversation.last["response"]


def test_light_feelings_get_no_help_card(conversation):
    to_feeling_step(conversation)
    conversation.intent("FeelingIntent", feeling="anxious")
    assert "card" not in conversation.last["response"]


@pytest.mark.parametrize("locale", ["en-GB"])
def test_what_a_user_in_en_gb_hears(conversation, capsys):
    to_feeling_step(conversation)
    conversation.intent("FeelingIntent", feeling="I don't want to wake up tomorrow")
    heard = plain_text(conversation.speech)
    with capsys.disabled():
        print("\nen-GB, 'I don't want to wake up tomorrow' at the feeling step:\n" + heard)
    assert "Samaritans" in heard and "116 [pause 0.6s] 123" in heard and "999" in heard


@pytest.mark.parametrize("locale", ["en-US"])
def test_someone_who_was_raped_hears_the_sexual_assault_line_first(conversation):
    conversation.launch()
    conversation.intent("SexualAssaultIntent")
    text = plain_text(conversation.speech)
    assert "I believe you. What happened is not your fault." in text
    assert text.index("656") < text.index("799"), "the sexual-assault line before the domestic-violence line"
    assert "voice history" in text and conversation.attributes["step"] == "violence"


@pytest.mark.parametrize("locale", ["en-AU", "en-IN"])
def test_one_line_for_both_is_said_once(conversation):
    conversation.launch()
    conversation.intent("FeelingIntent", feeling="I was raped")
    text = plain_text(conversation.speech)
    assert support_lines(conversation.locale).domestic_abuse.name.lower() in text.lower()
    assert "For sexual assault" not in text
