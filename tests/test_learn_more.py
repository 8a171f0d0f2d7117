"""Honest framing: what this is and is not, and help that says plainly it is not medical advice."""
import pytest

from conftest import LOCALES, load_model
from skill.ssml import estimate_seconds, plain_text


def samples(locale, intent_name):
    return next(i["samples"] for i in load_model(locale)["intents"] if i["name"] == intent_name)


@pytest.mark.parametrize("locale", LOCALES)
def test_learn_more_samples_are_learn_more_not_help(locale):
    for said in ("what is this", "why does self compassion feel lonely", "how does this work"):
        assert said in samples(locale, "LearnMoreIntent")
        assert said not in samples(locale, "AMAZON.HelpIntent")


def test_learn_more_is_under_a_minute_and_honest_then_the_practice_goes_on(conversation):
    conversation.launch()
    conversation.intent("BeginIntent")
    conversation.intent("ReadyIntent")
    conversation.intent("LearnMoreIntent")
    heard = plain_text(conversation.speech, show_pauses=False)
    assert estimate_seconds(conversation.speech) < 60
    assert "lonely" in heard and "accompanied" in heard
    assert "isn't magic" in heard and "professional care" in heard
    assert conversation.attributes["step"] == "feeling"
    assert conversation.ended is False
    assert "How are you feeling" in heard


@pytest.mark.parametrize("steps", [[], ["BeginIntent"], ["BeginIntent", "ReadyIntent"]])
def test_help_says_once_that_this_is_not_medical_advice(conversation, steps):
    conversation.launch()
    for step in steps:
        conversation.intent(step)
    conversation.intent("AMAZON.HelpIntent")
    assert plain_text(conversation.speech).count("not medical advice") == 1
