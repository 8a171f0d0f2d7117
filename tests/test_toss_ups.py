"""Where Alexa's choice between neighbouring intents is a toss-up, the skill does what was meant at that step."""
import pytest


@pytest.fixture
def at_feeling(conversation):
    conversation.launch()
    conversation.intent("AMAZON.YesIntent")
    conversation.intent("ReadyIntent")
    assert conversation.attributes["step"] == "feeling"
    return conversation


@pytest.fixture
def at_presence(at_feeling):
    at_feeling.intent("FeelingIntent", feeling="tired")
    assert at_feeling.attributes["step"] == "presence"
    return at_feeling


def test_words_heard_as_a_presence_when_asked_how_they_feel_are_the_feeling(at_feeling):
    at_feeling.intent("PresenceIntent", presence="like a storm inside")
    assert at_feeling.attributes["step"] == "presence"
    assert "Who, or what, can sit with me" in at_feeling.speech


def test_a_presence_the_model_knows_at_the_feeling_step_goes_ahead_to_the_phrase(at_feeling):
    at_feeling.intent("PresenceIntent", presence="my grandmother")
    assert at_feeling.attributes["step"] == "phrase"
    assert "Let your grandmother be here with you now." in at_feeling.speech


@pytest.mark.parametrize("words", ["my cousin's dog", "the smell of rain"])
def test_words_heard_as_a_feeling_when_asked_who_is_with_them_are_the_presence(at_presence, words):
    at_presence.intent("FeelingIntent", feeling=words)
    assert at_presence.attributes["step"] == "phrase"
    assert "This is painful." in at_presence.speech
    assert "Who or what is with you?" not in at_presence.speech


def test_a_feeling_named_again_at_the_presence_step_is_reflected_and_the_question_stays(at_presence):
    at_presence.intent("FeelingIntent", feeling="lonely and tired")
    assert at_presence.attributes["step"] == "presence"
    assert "Lonely and tired." in at_presence.speech

