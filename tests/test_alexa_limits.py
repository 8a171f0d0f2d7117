"""Alexa's limits, read one way everywhere: the skill's SSML, the validator and the tests agree."""
import pytest

from skill.alexa_limits import MAX_BREAK_SECONDS, MAX_SPEECH_CHARS, SSML_TAGS, break_time_seconds, parse_ssml, tag_name
from skill.simulator.validator import check_ssml
from skill.ssml import break_seconds, is_own_speech, plain_text, segments, silence, speak


@pytest.mark.parametrize("time, seconds", [("1.5s", 1.5), ("500ms", 0.5), ("10s", 10), ("10000ms", 10), ("0s", 0)])
def test_a_break_time_is_read_in_seconds(time, seconds):
    assert break_time_seconds(time) == seconds


@pytest.mark.parametrize("time", ["", "1.5", "s", "-1s", "1.5 s", " 2s", "2sec", "1e3ms", "2S"])
def test_what_is_not_a_break_time_reads_as_none(time):
    assert break_time_seconds(time) is None


def test_the_skill_and_the_validator_read_the_same_break():
    ssml = speak("Rest." + '<break time="500ms"/>' + silence(23.5))
    assert break_seconds(ssml) == [0.5, 10, 10, 3.5]
    assert sum(s.seconds for s in segments(ssml) if s.kind == "silence") == 24
    assert "[pause 24s]" in plain_text(ssml)
    assert check_ssml(ssml)[0] == []


def test_no_break_the_skill_writes_is_longer_than_alexa_allows():
    assert max(break_seconds(silence(61))) == MAX_BREAK_SECONDS
    too_long = f'<speak><break time="{MAX_BREAK_SECONDS * 1000 + 1}ms"/></speak>'
    assert any("at most 10s" in p.message for p in check_ssml(too_long)[0])
    assert not is_own_speech(too_long)


def test_an_unreadable_break_is_no_pause_and_a_problem():
    ssml = '<speak>One.<break time="soon"/>Two.</speak>'
    assert break_seconds(ssml) == [0.0]
    assert plain_text(ssml) == "One. Two."
    assert [s.kind for s in segments(ssml)] == ["speech"]
    assert any("must be a number of s or ms" in p.message for p in check_ssml(ssml)[0])
    assert not is_own_speech(ssml)


def test_amazon_tags_are_named_as_the_documentation_names_them():
    root = parse_ssml('<speak><amazon:effect name="whispered">hush</amazon:effect></speak>')
    assert [tag_name(e) for e in root.iter()] == ["speak", "amazon:effect"]
    assert {"amazon:effect", "amazon:domain", "amazon:emotion"} <= set(SSML_TAGS)


def test_a_tag_in_another_namespace_is_not_alexas():
    forged = '<speak xmlns="http://example.com/x"><audio src="soundbank://x"/></speak>'
    assert not is_own_speech(forged)
    assert any("is not a tag Alexa supports" in p.message for p in check_ssml(forged)[0])


@pytest.mark.parametrize("ssml, complaint", [
    ('<speak><say-as>12</say-as></speak>', "<say-as> needs interpret-as"),
    ('<speak><break length="2s"/></speak>', "is not an attribute Alexa supports"),
    ('<speak><emphasis level="loud">hey</emphasis></speak>', '<emphasis level="loud"> is not supported'),
    ('<speak><w role="verb">read</w></speak>', '<w role="verb"> is not supported'),
])
def test_attributes_per_tag(ssml, complaint):
    assert any(complaint in p.message for p in check_ssml(ssml)[0])


def test_attributes_alexa_takes_are_no_problem():
    ssml = ('<speak><lang xml:lang="en-GB">tomato</lang><w role="amazon:VBD">read</w>'
            '<phoneme alphabet="ipa" ph="pɪˈkɑːn">pecan</phoneme><prosody rate="90%" pitch="+5%" volume="-2dB">'
            'slow</prosody><amazon:emotion name="excited" intensity="low">yes</amazon:emotion></speak>')
    assert check_ssml(ssml)[0] == []


def test_speech_at_the_limit_is_accepted_and_one_more_character_is_not():
    at_limit = "<speak>" + "a" * (MAX_SPEECH_CHARS - len("<speak></speak>")) + "</speak>"
    assert len(at_limit) == MAX_SPEECH_CHARS and is_own_speech(at_limit)
    assert not is_own_speech(at_limit.replace("a", "aa", 1))
