"""What every response the skill sends must satisfy (Alexa's limits for speech and size)."""
import json
import xml.etree.ElementTree as ET

from skill.ssml import MAX_BREAK_SECONDS, break_seconds

MAX_SPEECH_CHARS = 8000
MAX_RESPONSE_BYTES = 24 * 1024


def assert_valid_ssml(ssml: str) -> None:
    root = ET.fromstring(ssml)  # raises if it is not well-formed XML
    assert root.tag == "speak"
    assert len(ssml) <= MAX_SPEECH_CHARS
    assert all(0 < seconds <= MAX_BREAK_SECONDS for seconds in break_seconds(ssml))


def assert_valid_response(body: dict, *, may_be_silent: bool = False) -> None:
    assert body["version"] == "1.0"
    assert len(json.dumps(body).encode()) <= MAX_RESPONSE_BYTES
    response = body["response"]
    speech = (response.get("outputSpeech") or {}).get("ssml")
    if may_be_silent and speech is None:
        return
    assert speech, "a spoken reply"
    assert_valid_ssml(speech)
    assert response.get("shouldEndSession") in (True, False), "shouldEndSession set deliberately"
    reprompt = ((response.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml")
    if response["shouldEndSession"] is False:
        assert reprompt, "an open session has a reprompt"
    if reprompt:
        assert_valid_ssml(reprompt)
