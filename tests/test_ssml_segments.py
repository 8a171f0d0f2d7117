"""ssml.segments(): a reply as it plays, speech and silence in order, for the web simulator's timeline."""
from hypothesis import given
from hypothesis import strategies as st

from skill.practice import PHRASE_SENTENCE_GAP_SECONDS
from skill.speech import texts_for
from skill.ssml import Segment, break_seconds, plain_text, segments, silence, speak, spoken, WORDS_PER_SECOND_AT_100


def test_speech_and_silence_alternate_in_order():
    ssml = speak("Hello there." + silence(2) + "Rest now." + silence(1.5))
    assert [(s.kind, s.seconds) for s in segments(ssml)] == [
        ("speech", round(2 / (WORDS_PER_SECOND_AT_100 * 0.9), 1)), ("silence", 2.0),
        ("speech", round(2 / (WORDS_PER_SECOND_AT_100 * 0.9), 1)), ("silence", 1.5)]
    assert [s.text for s in segments(ssml) if s.kind == "speech"] == ["Hello there.", "Rest now."]


def test_chained_breaks_are_one_silence_as_a_listener_hears_it():
    ssml = speak("Now rest." + silence(63) + "Gently.")
    assert [s.kind for s in segments(ssml)] == ["speech", "silence", "speech"]
    assert segments(ssml)[1].seconds == 63


def test_each_stretch_is_timed_at_the_rate_in_force_where_it_is_said():
    ssml = speak('Listen.<prosody rate="80%">This is painful.</prosody>' + silence(3) + "Again?")
    listen, phrase, gap, again = segments(ssml)
    assert (listen.rate, phrase.rate, again.rate) == (0.9, 0.8, 0.9)
    assert phrase.text == "This is painful." and phrase.seconds == round(3 / (WORDS_PER_SECOND_AT_100 * 0.8), 1)
    assert gap == Segment("silence", 3.0)


def test_user_words_come_back_unescaped():
    ssml = speak("You said " + spoken("fear & <loss>") + ".")
    assert segments(ssml)[0].text == "You said fear & <loss>."


def test_the_phrase_is_four_slow_sentences_each_followed_by_its_gap(conversation):
    conversation.launch()
    conversation.intent("AMAZON.YesIntent")
    conversation.intent("ReadyIntent")
    conversation.intent("FeelingIntent", feeling="lost")
    conversation.intent("PresenceIntent", presence="my grandmother")
    played = segments(conversation.speech)
    sentences = list(texts_for("en-US").PHRASE_SENTENCES)
    spoken_texts = [s.text for s in played if s.kind == "speech"]
    start = spoken_texts.index(sentences[0])
    assert spoken_texts[start:start + 4] == sentences
    for sentence in sentences:
        at = next(i for i, s in enumerate(played) if s.text == sentence)
        assert played[at].rate < 0.9
        assert played[at + 1].kind == "silence" and played[at + 1].seconds >= PHRASE_SENTENCE_GAP_SECONDS


@given(st.lists(st.one_of(st.text(alphabet="abc xyz.&<", min_size=1, max_size=20),
                          st.floats(min_value=0.5, max_value=25).map(lambda f: round(f, 1))), max_size=8))
def test_segments_keep_every_word_and_every_second_of_silence(pieces):
    body = "".join(silence(p) if isinstance(p, float) else spoken(p) for p in pieces)
    ssml = speak(body)
    played = segments(ssml)
    assert round(sum(s.seconds for s in played if s.kind == "silence"), 1) == round(sum(break_seconds(ssml)), 1)
    assert " ".join(s.text for s in played if s.kind == "speech").split() == plain_text(ssml, show_pauses=False).split()
    assert all(a.kind != b.kind or a.kind == "speech" for a, b in zip(played, played[1:]))
