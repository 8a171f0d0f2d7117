"""Whole conversations through POST /alexa, one per path of the practice."""
import pytest

from skill.speech import en, render, texts_for
from skill.ssml import speak
from skill.ssml import break_seconds, estimate_seconds, plain_text

PHRASE_WORDS = "This is painful. You don't have to hold it alone. I'm with you. And something larger is with us."


def spoken_text(ssml: str) -> str:
    return plain_text(ssml, show_pauses=False)


def says_the_phrase(ssml: str) -> bool:
    return PHRASE_WORDS in spoken_text(ssml)


def begin_and_settle(conversation):
    conversation.launch()
    conversation.intent("AMAZON.YesIntent")
    assert conversation.attributes["step"] == "pause"
    conversation.intent("ReadyIntent")
    assert conversation.attributes["step"] == "feeling"


def invite(conversation, presence):
    """Name a presence: it is welcomed, and the phrase follows at once."""
    conversation.intent("PresenceIntent", presence=presence)
    return spoken_text(conversation.speech)


def test_the_phrase_text_is_the_fixed_one():
    assert en.THE_PHRASE == PHRASE_WORDS
    assert " ".join(en.PHRASE_SENTENCES) == PHRASE_WORDS


def test_launch_tells_a_first_timer_what_happens_and_how_to_stop(conversation):
    conversation.launch()
    text = spoken_text(conversation.speech)
    assert "name what you feel" in text and "say stop at any time" in text
    assert text.endswith("Shall we begin?")
    assert conversation.reprompt
    speaking = estimate_seconds(conversation.speech) - sum(break_seconds(conversation.speech))
    assert speaking < 15


def test_pause_gives_real_silence_then_waits_for_ready(conversation):
    conversation.launch()
    conversation.intent("BeginIntent")
    assert sum(break_seconds(conversation.speech)) >= 15
    assert "I'm ready" in spoken_text(conversation.speech)
    # Simply waiting: the reprompt Alexa plays after silence moves on to the feeling question.
    assert "how are you feeling" in spoken_text(conversation.reprompt).lower()


def test_a_feeling_named_at_the_pause_is_taken_too(conversation):
    conversation.launch()
    conversation.intent("BeginIntent")
    conversation.intent("FeelingIntent", feeling="anxious")
    assert conversation.attributes["step"] == "presence"
    assert spoken_text(conversation.speech).startswith("Anxious.")


def test_full_practice_with_feeling_and_presence_named(conversation):
    begin_and_settle(conversation)
    assert "How are you feeling right now?" in spoken_text(conversation.speech)

    conversation.intent("FeelingIntent", feeling="ashamed")
    text = spoken_text(conversation.speech)
    assert text.startswith("Ashamed.")
    assert "Who, or what, can sit with me as I feel this?" in text
    assert not says_the_phrase(conversation.speech)

    text = invite(conversation, "my grandmother")
    assert "Let your grandmother be here with you now." in text
    assert says_the_phrase(conversation.speech)
    assert conversation.attributes["step"] == "phrase"
    assert conversation.last["response"]["card"]["content"].startswith(PHRASE_WORDS)
    assert conversation.ended is False

    conversation.intent("RestIntent")
    text = spoken_text(conversation.speech)
    assert "letting your grandmother sit with you" in text
    assert sum(break_seconds(conversation.speech)) >= 60
    # Asked only now, after the rest, so nothing breaks the moment the practice builds to.
    assert text.endswith("Before you go: shall I remember that your grandmother sat with you?")
    assert conversation.ended is False

    conversation.intent("AMAZON.NoIntent")
    assert "I won't keep it" in spoken_text(conversation.speech)
    assert conversation.last["response"]["shouldEndSession"] is True


def test_a_presence_the_model_does_not_list_is_not_offered_to_be_remembered(conversation):
    begin_and_settle(conversation)
    conversation.intent("FeelingIntent", feeling="sad")
    invite(conversation, "my old piano teacher")
    conversation.intent("RestIntent")
    assert "letting your old piano teacher sit with you" in spoken_text(conversation.speech)
    assert conversation.last["response"]["shouldEndSession"] is True


def test_an_unlisted_feeling_is_welcomed_in_the_users_own_words(conversation):
    begin_and_settle(conversation)
    conversation.intent("FeelingIntent", feeling="kind of numb")
    text = spoken_text(conversation.speech)
    assert text.startswith("Kind of numb.")
    assert "welcome here" in text
    assert conversation.attributes["step"] == "presence"


@pytest.mark.parametrize("sentence", ["like I'm drowning in paperwork", "I was told I am too much",
                                      "my brother wants to go home"])
def test_a_sentence_is_welcomed_without_being_said_back(conversation, sentence):
    """A flipped sentence ("You was ...") is rarely grammatical and never ours to repeat."""
    begin_and_settle(conversation)
    conversation.intent("FeelingIntent", feeling=sentence)
    text = spoken_text(conversation.speech)
    assert text.startswith("Thank you for telling me.")
    assert sentence.split()[-1] not in text.split("Now, gently")[0]
    assert conversation.attributes["step"] == "presence"


def test_lonely_and_tired_is_reflected_whole(conversation):
    begin_and_settle(conversation)
    conversation.intent("FeelingIntent", feeling="lonely and tired")
    assert spoken_text(conversation.speech).startswith("Lonely and tired.")


@pytest.mark.parametrize("answer", ["NotSureIntent", "SkipIntent", "AMAZON.NoIntent"])
def test_not_naming_the_feeling_is_a_fine_answer(conversation, answer):
    begin_and_settle(conversation)
    conversation.intent(answer)
    text = spoken_text(conversation.speech)
    assert "Not every feeling has a name" in text
    assert "Who, or what, can sit with me" in text
    assert conversation.attributes["step"] == "presence"


def test_presence_silence_is_long_enough_and_then_offers_examples(conversation):
    begin_and_settle(conversation)
    conversation.intent("FeelingIntent", feeling="lost")
    ssml = conversation.speech
    question_at = ssml.index("can sit with me as I feel this")
    examples_at = ssml.index("remembered gaze")
    assert sum(break_seconds(ssml[question_at:examples_at])) >= 15
    for example in ("A divine presence", "The sky, or a warm light", "a wise, kind part of yourself"):
        assert example in spoken_text(ssml)


@pytest.mark.parametrize("answer", ["SkipIntent", "NotSureIntent"])
def test_presence_skipped_or_unsure_still_reaches_the_phrase(conversation, answer):
    begin_and_settle(conversation)
    conversation.intent("FeelingIntent", feeling="alone")
    conversation.intent(answer)
    assert "Nothing needs to be found" in spoken_text(conversation.speech)
    assert says_the_phrase(conversation.speech)
    conversation.intent("AMAZON.NoIntent")
    text = spoken_text(conversation.speech)
    assert "Thank you for sitting with this." in text and "letting" not in text
    assert conversation.last["response"]["shouldEndSession"] is True


@pytest.mark.parametrize("presence, woven", [
    ("the ocean", "Let the ocean be here"), ("God", "Let God be here"), ("my wise self", "Let your wise self be here"),
])
def test_named_presences_are_woven_in(conversation, presence, woven):
    begin_and_settle(conversation)
    conversation.intent("FeelingIntent", feeling="sad")
    assert woven in invite(conversation, presence)


@pytest.mark.parametrize("again", ["AMAZON.RepeatIntent", "AMAZON.YesIntent", "PhraseIntent"])
def test_the_phrase_can_be_heard_again(conversation, again):
    begin_and_settle(conversation)
    conversation.intent("FeelingIntent", feeling="anxious")
    invite(conversation, "the sky")
    conversation.intent(again)
    assert says_the_phrase(conversation.speech)
    assert conversation.attributes["step"] == "phrase"
    assert conversation.ended is False


def test_phrase_sentences_are_spoken_slowly_with_quiet_between(conversation):
    begin_and_settle(conversation)
    conversation.intent("FeelingIntent", feeling="anxious")
    invite(conversation, "the sky")
    ssml = conversation.speech
    for sentence in en.PHRASE_SENTENCES:
        after = ssml[ssml.index(sentence) + len(sentence):]
        assert after.startswith('</prosody><break time="3s"/>')


def test_phrase_is_said_only_where_it_belongs(conversation):
    conversation.launch()
    assert not says_the_phrase(conversation.speech)
    conversation.intent("AMAZON.YesIntent")
    assert not says_the_phrase(conversation.speech)
    conversation.intent("ReadyIntent")
    assert not says_the_phrase(conversation.speech)
    conversation.intent("FeelingIntent", feeling="anxious")
    assert not says_the_phrase(conversation.speech)
    invite(conversation, "warm light")
    assert says_the_phrase(conversation.speech)
    conversation.intent("RestIntent")
    assert not says_the_phrase(conversation.speech)


def test_one_shot_start(conversation):
    conversation.intent("BeginIntent")
    assert conversation.attributes["step"] == "pause"
    assert "sit or lie down somewhere that feels safe" in spoken_text(conversation.speech)


def test_one_shot_feeling_starts_at_the_right_step(conversation):
    conversation.intent("FeelingIntent", feeling="anxious")
    assert conversation.attributes["step"] == "presence"
    assert spoken_text(conversation.speech).startswith("Anxious.")


def test_one_shot_phrase_is_just_the_phrase_then_goodbye(conversation):
    conversation.intent("PhraseIntent")
    assert says_the_phrase(conversation.speech)
    assert "Here are the words" in spoken_text(conversation.speech)
    assert conversation.last["response"]["shouldEndSession"] is True


def test_no_at_the_welcome_is_a_kind_goodbye(conversation):
    conversation.launch()
    conversation.intent("AMAZON.NoIntent")
    assert "Come back whenever" in spoken_text(conversation.speech)
    assert conversation.last["response"]["shouldEndSession"] is True


@pytest.mark.parametrize("leave", ["AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"])
def test_leaving_mid_practice_is_brief_and_kind(conversation, leave):
    begin_and_settle(conversation)
    conversation.intent(leave)
    assert spoken_text(conversation.speech) == texts_for(conversation.locale).GOODBYE
    assert conversation.last["response"]["shouldEndSession"] is True


def test_help_explains_where_we_are_and_continues_from_the_same_step(conversation):
    begin_and_settle(conversation)
    conversation.intent("AMAZON.HelpIntent")
    text = spoken_text(conversation.speech)
    assert "not medical advice" in text
    assert "we're naming a feeling" in text
    assert conversation.attributes["step"] == "feeling"
    conversation.intent("FeelingIntent", feeling="tired")
    assert conversation.attributes["step"] == "presence"


def test_fallback_re_asks_gently_for_the_current_step(conversation):
    begin_and_settle(conversation)
    conversation.intent("FeelingIntent", feeling="sad")
    conversation.intent("AMAZON.FallbackIntent")
    text = spoken_text(conversation.speech)
    texts = texts_for(conversation.locale)
    assert text == spoken_text(speak(render(texts.SAFETY_NET) + render(texts.RE_ASK["presence"])))
    assert "understand" not in text
    assert conversation.attributes["step"] == "presence"


def test_repeat_says_the_last_thing_again(conversation):
    begin_and_settle(conversation)
    before = conversation.speech
    conversation.intent("AMAZON.RepeatIntent")
    assert conversation.speech == before
    assert conversation.attributes["step"] == "feeling"


def test_start_over_forgets_this_sessions_answers(conversation):
    begin_and_settle(conversation)
    conversation.intent("FeelingIntent", feeling="angry")
    invite(conversation, "my dad")
    conversation.intent("AMAZON.StartOverIntent")
    assert conversation.attributes["step"] == "pause"
    assert "presence" not in conversation.attributes and "feeling" not in conversation.attributes


def test_session_ended_gets_an_empty_response(conversation):
    from skill import envelopes

    conversation.launch()
    body = conversation.send(envelopes.session_ended_request("EXCEEDED_MAX_REPROMPTS"), new_session=False)
    assert "outputSpeech" not in body["response"]
