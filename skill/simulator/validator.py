"""Does a response envelope hold only what Alexa accepts? One checker, two uses.

The simulator shows its findings as warnings on every turn; the tests call `assert_valid`
and fail on any of them. Each problem names the Alexa documentation its rule comes from.

The limits and the SSML tags are Alexa's, kept with their sources in skill/alexa_limits.py: speech
and reprompt length, response size, cards, breaks, audio, prosody, the tags and attributes per tag,
speaking styles per locale. The rules checked here besides those:
- RESPONSE_DOC: outputSpeech is PlainText (text) or SSML (ssml); a reprompt holds an outputSpeech;
  shouldEndSession true ends the session, false keeps it open for the user's answer.
- SESSION_DOC (#sessionendedrequest): "Your service cannot send back a response to a
  SessionEndedRequest" (no speech, card or directives).
- DESIGN_DOC ("Always ask a question when the session stays open"): a response that asks a question
  keeps the session open and gives a reprompt; a response that ends the session asks nothing.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from xml.etree import ElementTree

from ..alexa_limits import (AUDIO_SOURCES, CARD_DOC, CARD_TYPES, DESIGN_DOC, DOMAIN_LOCALES, MAX_AUDIO_TAGS,
                            MAX_BREAK_SECONDS, MAX_CARD_CHARS, MAX_CARD_IMAGE_URL_CHARS, MAX_RESPONSE_BYTES,
                            MAX_SPEECH_CHARS, MIN_PROSODY_RATE_PERCENT, PROSODY_PITCHES, PROSODY_RATES,
                            PROSODY_VOLUMES, REQUIRED_ATTRIBUTES, RESPONSE_DOC, SESSION_DOC, SSML_DOC, SSML_TAGS,
                            attribute_name, break_time_seconds, parse_ssml, tag_name)

_PERCENT = re.compile(r"^([+-]?\d+(?:\.\d+)?)%$")
_DECIBELS = re.compile(r"^[+-]\d+(?:\.\d+)?dB$")


@dataclass(frozen=True)
class Problem:
    """One thing Alexa would refuse or handle badly, and where the rule is written."""

    where: str
    message: str
    doc: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class InvalidResponse(AssertionError):
    def __init__(self, problems: list[Problem]):
        super().__init__("response Alexa would not accept:\n" + "\n".join(
            f"  - {p}  [{p.doc}]" for p in problems))
        self.problems = problems


def validate(envelope: dict, locale: str = "en-US", request_type: str | None = None) -> list[Problem]:
    """Every problem with a response envelope, for a request of `request_type` in `locale`."""
    problems: list[Problem] = []
    if not isinstance(envelope, dict):
        return [Problem("envelope", "is not a JSON object", RESPONSE_DOC)]
    if envelope.get("version") != "1.0":
        problems.append(Problem("version", f"must be \"1.0\", got {envelope.get('version')!r}", RESPONSE_DOC))
    # surrogatepass: a lone surrogate is a problem to report elsewhere, not a reason to crash here.
    size = len(json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"))
    if size > MAX_RESPONSE_BYTES:
        problems.append(Problem("envelope", f"is {size} bytes; at most {MAX_RESPONSE_BYTES} (24 kilobytes, under 24 KiB)", RESPONSE_DOC))
    attributes = envelope.get("sessionAttributes")
    if attributes is not None and not isinstance(attributes, dict):
        problems.append(Problem("sessionAttributes", "must be an object", RESPONSE_DOC))
    response = envelope.get("response")
    if not isinstance(response, dict):
        problems.append(Problem("response", "missing or not an object", RESPONSE_DOC))
        return problems

    if request_type == "SessionEndedRequest":
        for key in ("outputSpeech", "reprompt", "card", "directives"):
            if response.get(key):
                problems.append(Problem(f"response.{key}", "must be empty: no response is played after a "
                                        "SessionEndedRequest", SESSION_DOC))
        return problems

    audio_tags = 0
    speech = response.get("outputSpeech")
    speech_text = ""
    if speech is not None:
        found, audio, speech_text = _check_output_speech(speech, "response.outputSpeech", locale)
        problems += found
        audio_tags += audio
    reprompt_speech = (response.get("reprompt") or {}).get("outputSpeech") if isinstance(response.get("reprompt"), dict) else None
    if response.get("reprompt") is not None and reprompt_speech is None:
        problems.append(Problem("response.reprompt", "has no outputSpeech", RESPONSE_DOC))
    if reprompt_speech is not None:
        found, audio, _ = _check_output_speech(reprompt_speech, "response.reprompt.outputSpeech", locale)
        problems += found
        audio_tags += audio
    if audio_tags > MAX_AUDIO_TAGS:
        problems.append(Problem("response", f"has {audio_tags} <audio> tags; at most {MAX_AUDIO_TAGS}", SSML_DOC))

    problems += _check_card(response.get("card"))
    problems += _check_session(response, speech_text, reprompt_speech is not None)
    return problems


def assert_valid(envelope: dict, locale: str = "en-US", request_type: str | None = None) -> None:
    """For tests: raise InvalidResponse listing every problem, if there is any."""
    problems = validate(envelope, locale, request_type)
    if problems:
        raise InvalidResponse(problems)


# --- speech ---------------------------------------------------------------------------------


def _check_output_speech(speech, where: str, locale: str) -> tuple[list[Problem], int, str]:
    if not isinstance(speech, dict):
        return [Problem(where, "must be an object", RESPONSE_DOC)], 0, ""
    kind = speech.get("type")
    if kind == "PlainText":
        text = speech.get("text")
        if not isinstance(text, str):
            return [Problem(where, "PlainText needs a text string", RESPONSE_DOC)], 0, ""
        problems = [Problem(where, f"text is {len(text)} characters; at most {MAX_SPEECH_CHARS}", RESPONSE_DOC)] \
            if len(text) > MAX_SPEECH_CHARS else []
        return problems, 0, text
    if kind != "SSML":
        return [Problem(where, f"type must be PlainText or SSML, got {kind!r}", RESPONSE_DOC)], 0, ""
    ssml = speech.get("ssml")
    if not isinstance(ssml, str):
        return [Problem(where, "SSML needs an ssml string", RESPONSE_DOC)], 0, ""
    problems = []
    if len(ssml) > MAX_SPEECH_CHARS:
        problems.append(Problem(where, f"ssml is {len(ssml)} characters; at most {MAX_SPEECH_CHARS}", RESPONSE_DOC))
    found, audio, text = check_ssml(ssml, locale, where)
    return problems + found, audio, text


def check_ssml(ssml: str, locale: str = "en-US", where: str = "ssml") -> tuple[list[Problem], int, str]:
    """Problems in one SSML document, the number of <audio> tags, and its text."""
    try:
        root = parse_ssml(ssml)
    except ElementTree.ParseError as error:
        return [Problem(where, f"SSML is not well-formed XML ({error})", SSML_DOC)], 0, ""
    problems = []
    if tag_name(root) != "speak":
        problems.append(Problem(where, f"SSML must be wrapped in <speak>, not <{tag_name(root)}>", SSML_DOC))
    audio = 0
    for element in root.iter():
        tag = tag_name(element)
        if tag not in SSML_TAGS:
            problems.append(Problem(where, f"<{tag}> is not a tag Alexa supports", SSML_DOC))
            continue
        if tag == "speak" and element is not root:
            problems.append(Problem(where, "<speak> may only be the outermost tag", SSML_DOC))
        if tag == "audio":
            audio += 1
        attributes = {attribute_name(key): value for key, value in element.attrib.items()}
        problems += [Problem(where, message, SSML_DOC) for message in _check_attributes(tag, attributes, locale)]
    text = " ".join("".join(root.itertext()).split())
    return problems, audio, text


def _check_attributes(tag: str, attributes: dict, locale: str) -> list[str]:
    """What the table of tags allows (names, keywords, required ones), then the rules a table cannot say."""
    allowed = SSML_TAGS[tag]
    problems = [f"<{tag}> needs {name}" for name in REQUIRED_ATTRIBUTES.get(tag, ()) if name not in attributes]
    for name, value in attributes.items():
        if name not in allowed:
            problems.append(f'<{tag} {name}="{value[:60]}"> is not an attribute Alexa supports')
        elif allowed[name] is not None and value not in allowed[name]:
            problems.append(f'<{tag} {name}="{value[:60]}"> is not supported')
    if tag == "break" and "time" in attributes:
        seconds = break_time_seconds(attributes["time"])
        if seconds is None:
            problems.append(f'<break time="{attributes["time"]}"> must be a number of s or ms')
        elif seconds > MAX_BREAK_SECONDS:
            problems.append(f"<break> of {seconds:g}s; at most {MAX_BREAK_SECONDS:g}s (chain breaks for longer)")
    elif tag == "prosody":
        problems += _check_prosody(attributes)
    elif tag == "audio" and "src" in attributes and not attributes["src"].startswith(AUDIO_SOURCES):
        problems.append(f'<audio src="{attributes["src"][:60]}"> must be an https URL')
    elif tag == "amazon:domain" and attributes.get("name") in DOMAIN_LOCALES:
        if locale not in DOMAIN_LOCALES[attributes["name"]]:
            problems.append(f'<amazon:domain name="{attributes["name"]}"> is not available in {locale}')
    return problems


def _check_prosody(attributes: dict) -> list[str]:
    problems = []
    rate = attributes.get("rate")
    if rate is not None and rate not in PROSODY_RATES:
        percent = _PERCENT.match(rate)
        if not percent:
            problems.append(f'<prosody rate="{rate}"> is not a supported rate')
        elif float(percent.group(1)) < MIN_PROSODY_RATE_PERCENT:
            problems.append(f'<prosody rate="{rate}"> is below the minimum of {MIN_PROSODY_RATE_PERCENT}%')
    pitch = attributes.get("pitch")
    if pitch is not None and pitch not in PROSODY_PITCHES and not _PERCENT.match(pitch):
        problems.append(f'<prosody pitch="{pitch}"> is not supported')
    volume = attributes.get("volume")
    if volume is not None and volume not in PROSODY_VOLUMES and not _DECIBELS.match(volume):
        problems.append(f'<prosody volume="{volume}"> is not supported')
    return problems


# --- cards and the session ------------------------------------------------------------------


def _check_card(card) -> list[Problem]:
    if card is None:
        return []
    if not isinstance(card, dict):
        return [Problem("response.card", "must be an object", CARD_DOC)]
    kind = card.get("type")
    if kind not in CARD_TYPES:
        return [Problem("response.card", f"unknown card type {kind!r}", CARD_DOC)]
    body = card.get("content") if kind == "Simple" else card.get("text") if kind == "Standard" else ""
    images = {key: str(url) for key, url in (card.get("image") or {}).items()} if kind == "Standard" else {}
    total = len(card.get("title") or "") + len(body or "") + sum(len(url) for url in images.values())
    if total > MAX_CARD_CHARS:
        return [Problem("response.card", f"title and text are {total} characters; at most {MAX_CARD_CHARS}", CARD_DOC)]
    for key, url in images.items():
        if not url.startswith("https://"):
            return [Problem(f"response.card.image.{key}", "must be an https URL", CARD_DOC)]
        if len(url) > MAX_CARD_IMAGE_URL_CHARS:
            return [Problem(f"response.card.image.{key}", f"is {len(url)} characters; at most "
                            f"{MAX_CARD_IMAGE_URL_CHARS}", RESPONSE_DOC)]
    return []


def _asks_a_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def _check_session(response: dict, speech_text: str, has_reprompt: bool) -> list[Problem]:
    problems = []
    ends = response.get("shouldEndSession")
    has_dialog = any(str(d.get("type", "")).startswith("Dialog.") for d in response.get("directives") or [])
    if ends is None and speech_text and not has_dialog:
        problems.append(Problem("response.shouldEndSession", "not set: say deliberately whether the session "
                                "stays open", RESPONSE_DOC))
    if ends is True and has_reprompt:
        problems.append(Problem("response.reprompt", "is never played: the session ends with this response",
                                RESPONSE_DOC))
    if ends is True and _asks_a_question(speech_text):
        problems.append(Problem("response.shouldEndSession", "is true, but the speech ends with a question "
                                "nobody can answer", DESIGN_DOC))
    if ends is False and _asks_a_question(speech_text) and not has_reprompt:
        problems.append(Problem("response.reprompt", "missing: a question was asked and the session stays open",
                                DESIGN_DOC))
    return problems
