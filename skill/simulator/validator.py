"""Does a response envelope hold only what Alexa accepts? One checker, two uses.

The simulator shows its findings as warnings on every turn; the tests call `assert_valid`
and fail on any of them. Each rule names the Alexa documentation it comes from:

[RESPONSE] Request and response JSON reference:
  https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html
  - "The outputSpeech response can't exceed 8000 characters."
  - "The total size of your response can't exceed 24 kilobytes."
  - outputSpeech is PlainText (text) or SSML (ssml); reprompt holds an outputSpeech;
    shouldEndSession true ends the session, false keeps it open for the user's answer.
[SSML] Speech Synthesis Markup Language (SSML) reference:
  https://developer.amazon.com/en-US/docs/alexa/custom-skills/speech-synthesis-markup-language-ssml-reference.html
  - SSML must be well-formed XML wrapped in <speak>; only the tags listed there are supported.
  - <break>: strength none..x-strong, or time up to 10 seconds ("10s" or "10000ms").
  - <audio>: the src must be an https URL; "You can include up to five audio tags in a single output response."
  - <prosody> rate/pitch/volume take the listed keywords or percentages (rate at least 20%).
  - <amazon:domain> styles are available only in some locales ("long-form" in en-US only).
[CARD] Include a card in your skill's response:
  https://developer.amazon.com/en-US/docs/alexa/custom-skills/include-a-card-in-your-skills-response.html
  - "The total number of characters (both title and content combined) cannot exceed 8000."
[SESSION] Handle requests sent by Alexa, SessionEndedRequest:
  https://developer.amazon.com/en-US/docs/alexa/custom-skills/handle-requests-sent-by-alexa.html#sessionendedrequest
  - "Your service cannot send back a response to a SessionEndedRequest" (no speech, card or directives).
[DESIGN] Alexa design guide, "Always ask a question when the session stays open"; reprompts:
  https://developer.amazon.com/en-US/docs/alexa/custom-skills/voice-interaction-models.html
  - a response that asks a question keeps the session open and gives a reprompt; a response that
    ends the session does not ask the user anything.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from xml.etree import ElementTree

RESPONSE_DOC = "https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html"
SSML_DOC = "https://developer.amazon.com/en-US/docs/alexa/custom-skills/speech-synthesis-markup-language-ssml-reference.html"
CARD_DOC = "https://developer.amazon.com/en-US/docs/alexa/custom-skills/include-a-card-in-your-skills-response.html"
SESSION_DOC = "https://developer.amazon.com/en-US/docs/alexa/custom-skills/handle-requests-sent-by-alexa.html"
DESIGN_DOC = "https://developer.amazon.com/en-US/docs/alexa/custom-skills/voice-interaction-models.html"

MAX_SPEECH_CHARS = 8000
MAX_RESPONSE_BYTES = 24 * 1024
MAX_CARD_CHARS = 8000
MAX_BREAK_SECONDS = 10.0
MAX_AUDIO_TAGS = 5
MIN_PROSODY_RATE_PERCENT = 20

AMAZON_NS = "http://amazon.com/ssml"  # the namespace the amazon: prefix is bound to for parsing
SUPPORTED_TAGS = {"speak", "break", "p", "s", "prosody", "emphasis", "say-as", "sub", "phoneme", "w",
                  "lang", "voice", "audio", "amazon:effect", "amazon:emotion", "amazon:domain"}
BREAK_STRENGTHS = {"none", "x-weak", "weak", "medium", "strong", "x-strong"}
PROSODY_RATES = {"x-slow", "slow", "medium", "fast", "x-fast"}
PROSODY_PITCHES = {"x-low", "low", "medium", "high", "x-high"}
PROSODY_VOLUMES = {"silent", "x-soft", "soft", "medium", "loud", "x-loud"}
EMPHASIS_LEVELS = {"strong", "moderate", "reduced"}
SAY_AS = {"characters", "spell-out", "cardinal", "number", "ordinal", "digits", "fraction", "unit", "date",
          "time", "telephone", "address", "interjection", "expletive"}
EFFECTS = {"whispered"}
EMOTIONS = {"excited", "disappointed"}
EMOTION_INTENSITIES = {"low", "medium", "high"}
# Speaking styles and the locales that have them (SSML reference, amazon:domain).
DOMAIN_LOCALES = {
    "conversational": {"en-US", "en-AU", "en-GB", "en-IN", "ja-JP"},
    "long-form": {"en-US"},
    "music": {"en-US", "en-AU", "en-GB", "en-IN", "en-CA", "ja-JP", "de-DE", "fr-FR", "it-IT", "es-ES"},
    "news": {"en-US", "en-AU", "en-GB", "en-IN", "en-CA", "ja-JP", "de-DE", "fr-FR", "it-IT", "es-ES",
             "es-US", "pt-BR"},
    "fun": {"en-US", "ja-JP"},
}

_TIME = re.compile(r"^(\d+(?:\.\d+)?)(s|ms)$")
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
        problems.append(Problem("envelope", f"is {size} bytes; at most {MAX_RESPONSE_BYTES} (24 KiB)", RESPONSE_DOC))
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
        root = ElementTree.fromstring(_bind_amazon_prefix(ssml))
    except ElementTree.ParseError as error:
        return [Problem(where, f"SSML is not well-formed XML ({error})", SSML_DOC)], 0, ""
    problems = []
    if _tag(root) != "speak":
        problems.append(Problem(where, f"SSML must be wrapped in <speak>, not <{_tag(root)}>", SSML_DOC))
    audio = 0
    for element in root.iter():
        tag = _tag(element)
        if tag not in SUPPORTED_TAGS:
            problems.append(Problem(where, f"<{tag}> is not a tag Alexa supports", SSML_DOC))
            continue
        if tag == "speak" and element is not root:
            problems.append(Problem(where, "<speak> may only be the outermost tag", SSML_DOC))
        if tag == "audio":
            audio += 1
        problems += [Problem(where, message, SSML_DOC) for message in _check_attributes(tag, element.attrib, locale)]
    text = " ".join("".join(root.itertext()).split())
    return problems, audio, text


def _bind_amazon_prefix(ssml: str) -> str:
    """Alexa's SSML uses the amazon: prefix without declaring it; declare it so XML can parse it."""
    if "amazon:" not in ssml or "xmlns:amazon" in ssml:
        return ssml
    return re.sub(r"<speak\b", f'<speak xmlns:amazon="{AMAZON_NS}"', ssml, count=1)


def _tag(element) -> str:
    tag = element.tag
    if tag.startswith("{" + AMAZON_NS + "}"):
        return "amazon:" + tag.split("}", 1)[1]
    return tag.split("}", 1)[1] if tag.startswith("{") else tag


def _seconds(value: str) -> float | None:
    match = _TIME.match(value or "")
    if not match:
        return None
    return float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)


def _check_attributes(tag: str, attributes: dict, locale: str) -> list[str]:
    problems = []
    if tag == "break":
        if "time" in attributes:
            seconds = _seconds(attributes["time"])
            if seconds is None:
                problems.append(f'<break time="{attributes["time"]}"> must be a number of s or ms')
            elif seconds > MAX_BREAK_SECONDS:
                problems.append(f"<break> of {seconds:g}s; at most {MAX_BREAK_SECONDS:g}s (chain breaks for longer)")
        if "strength" in attributes and attributes["strength"] not in BREAK_STRENGTHS:
            problems.append(f'<break strength="{attributes["strength"]}"> is not supported')
    elif tag == "prosody":
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
    elif tag == "emphasis":
        if attributes.get("level", "moderate") not in EMPHASIS_LEVELS:
            problems.append(f'<emphasis level="{attributes.get("level")}"> is not supported')
    elif tag == "say-as":
        if attributes.get("interpret-as") not in SAY_AS:
            problems.append(f'<say-as interpret-as="{attributes.get("interpret-as")}"> is not supported')
    elif tag == "audio":
        src = attributes.get("src", "")
        if not src.startswith("https://") and not src.startswith("soundbank://"):
            problems.append(f'<audio src="{src[:60]}"> must be an https URL')
    elif tag == "amazon:effect":
        if attributes.get("name") not in EFFECTS:
            problems.append(f'<amazon:effect name="{attributes.get("name")}"> is not supported')
    elif tag == "amazon:emotion":
        if attributes.get("name") not in EMOTIONS:
            problems.append(f'<amazon:emotion name="{attributes.get("name")}"> is not supported')
        if attributes.get("intensity") not in EMOTION_INTENSITIES:
            problems.append(f'<amazon:emotion intensity="{attributes.get("intensity")}"> is not supported')
    elif tag == "amazon:domain":
        name = attributes.get("name")
        if name not in DOMAIN_LOCALES:
            problems.append(f'<amazon:domain name="{name}"> is not a speaking style Alexa has')
        elif locale not in DOMAIN_LOCALES[name]:
            problems.append(f'<amazon:domain name="{name}"> is not available in {locale}')
    return problems


# --- cards and the session ------------------------------------------------------------------


def _check_card(card) -> list[Problem]:
    if card is None:
        return []
    if not isinstance(card, dict):
        return [Problem("response.card", "must be an object", CARD_DOC)]
    kind = card.get("type")
    if kind not in {"Simple", "Standard", "LinkAccount", "AskForPermissionsConsent"}:
        return [Problem("response.card", f"unknown card type {kind!r}", CARD_DOC)]
    body = card.get("content") if kind == "Simple" else card.get("text") if kind == "Standard" else ""
    total = len(card.get("title") or "") + len(body or "")
    if total > MAX_CARD_CHARS:
        return [Problem("response.card", f"title and text are {total} characters; at most {MAX_CARD_CHARS}", CARD_DOC)]
    if kind == "Standard":
        for key, url in (card.get("image") or {}).items():
            if not str(url).startswith("https://"):
                return [Problem(f"response.card.image.{key}", "must be an https URL", CARD_DOC)]
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
