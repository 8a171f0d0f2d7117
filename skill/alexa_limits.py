"""What Alexa accepts in a response: every limit this project relies on, each with the page that says so.

One module owns them: the skill writes within them (skill/ssml.py), the simulator's validator checks
every response against them (skill/simulator/validator.py), and the tests import them from here.
Nothing here runs at import time beyond building a few constants.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # parsing is imported where it is needed, not at every cold start
    from xml.etree import ElementTree

# The Alexa documentation each limit comes from.
RESPONSE_DOC = "https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html"
SSML_DOC = "https://developer.amazon.com/en-US/docs/alexa/custom-skills/speech-synthesis-markup-language-ssml-reference.html"
CARD_DOC = "https://developer.amazon.com/en-US/docs/alexa/custom-skills/include-a-card-in-your-skills-response.html"
SESSION_DOC = "https://developer.amazon.com/en-US/docs/alexa/custom-skills/handle-requests-sent-by-alexa.html"
TEXT_DOC = "https://developer.amazon.com/en-US/docs/alexa/custom-skills/best-practice-text-response.html"
DESIGN_DOC = "https://developer.amazon.com/en-US/docs/alexa/custom-skills/voice-interaction-models.html"

# --- the response as a whole (RESPONSE_DOC, "Response format") ------------------------------------

# "The outputSpeech response cannot exceed 8000 characters." The reprompt is an outputSpeech too,
# so the same limit holds for it. (TEXT_DOC says "less than 8000"; the response reference is the rule.)
MAX_SPEECH_CHARS = 8000
# "The total size of your response cannot exceed 24 kilobytes." Newer copies of the page say
# 120 kilobytes; we keep the older, stricter limit, read as 24,000 bytes (under 24 KiB) so that it
# holds whichever kilobyte is meant, and a response is accepted under either page.
# The session attributes travel inside the response: they have no limit of their own, they count here.
MAX_RESPONSE_BYTES = 24_000

# --- cards (CARD_DOC; RESPONSE_DOC, "Response format") --------------------------------------------

# "All of the text included in a card cannot exceed 8000 characters. This includes the title,
# content, text, and image URLs." (CARD_DOC: title and content combined.) The title has no limit of its own.
MAX_CARD_CHARS = 8000
# "An image URL (smallImageUrl or largeImageUrl) cannot exceed 2000 characters."
MAX_CARD_IMAGE_URL_CHARS = 2000
CARD_TYPES = frozenset({"Simple", "Standard", "LinkAccount", "AskForPermissionsConsent"})

# --- SSML (SSML_DOC) --------------------------------------------------------------------------------

# <break time>: "Duration of the pause; up to 10 seconds (10s) or 10000 milliseconds (10000ms)."
# Longer silences are chained breaks.
MAX_BREAK_SECONDS = 10
# <audio>: at most five audio tags in one response, speech and reprompt together. RESPONSE_DOC also
# limits the audio's combined length (240 s in outputSpeech, 90 s in the reprompt); that cannot be
# read from SSML, so nothing checks it: the skill only ever plays one short bell.
MAX_AUDIO_TAGS = 5
# <audio src>: an https URL, or a sound from the Alexa Skills Kit sound library (soundbank://).
AUDIO_SOURCES = ("https://", "soundbank://")
# <prosody rate>: a keyword or a percentage of at least 20%.
MIN_PROSODY_RATE_PERCENT = 20

BREAK_STRENGTHS = frozenset({"none", "x-weak", "weak", "medium", "strong", "x-strong"})
PROSODY_RATES = frozenset({"x-slow", "slow", "medium", "fast", "x-fast"})
PROSODY_PITCHES = frozenset({"x-low", "low", "medium", "high", "x-high"})
PROSODY_VOLUMES = frozenset({"silent", "x-soft", "soft", "medium", "loud", "x-loud"})
SAY_AS = frozenset({"characters", "spell-out", "cardinal", "number", "ordinal", "digits", "fraction", "unit",
                    "date", "time", "telephone", "address", "interjection", "expletive"})
# Speaking styles (<amazon:domain name>) and the locales that have them.
DOMAIN_LOCALES = {
    "conversational": frozenset({"en-US", "en-AU", "en-GB", "en-IN", "ja-JP"}),
    "long-form": frozenset({"en-US"}),
    "music": frozenset({"en-US", "en-AU", "en-GB", "en-IN", "en-CA", "ja-JP", "de-DE", "fr-FR", "it-IT", "es-ES"}),
    "news": frozenset({"en-US", "en-AU", "en-GB", "en-IN", "en-CA", "ja-JP", "de-DE", "fr-FR", "it-IT", "es-ES",
                       "es-US", "pt-BR"}),
    "fun": frozenset({"en-US", "ja-JP"}),
}

ANY_TEXT = None  # an attribute whose value is free text (or checked by its own rule in the validator)
# Every tag Alexa supports, and for each tag the attributes it takes with their allowed keywords.
SSML_TAGS: dict[str, dict[str, frozenset[str] | None]] = {
    "speak": {},
    "p": {},
    "s": {},
    "break": {"strength": BREAK_STRENGTHS, "time": ANY_TEXT},
    "emphasis": {"level": frozenset({"strong", "moderate", "reduced"})},
    "lang": {"xml:lang": ANY_TEXT},
    "phoneme": {"alphabet": frozenset({"ipa", "x-sampa"}), "ph": ANY_TEXT},
    "prosody": {"rate": ANY_TEXT, "pitch": ANY_TEXT, "volume": ANY_TEXT},
    "say-as": {"interpret-as": SAY_AS, "format": ANY_TEXT},
    "sub": {"alias": ANY_TEXT},
    "voice": {"name": ANY_TEXT},
    "w": {"role": frozenset({"amazon:VB", "amazon:VBD", "amazon:NN", "amazon:SENSE_1"})},
    "audio": {"src": ANY_TEXT},
    "amazon:effect": {"name": frozenset({"whispered"})},
    "amazon:emotion": {"name": frozenset({"excited", "disappointed"}), "intensity": frozenset({"low", "medium", "high"})},
    "amazon:domain": {"name": frozenset(DOMAIN_LOCALES)},
}
# The attributes a tag means nothing without.
REQUIRED_ATTRIBUTES = {
    "say-as": ("interpret-as",), "sub": ("alias",), "phoneme": ("ph",), "w": ("role",), "audio": ("src",),
    "voice": ("name",), "lang": ("xml:lang",), "amazon:effect": ("name",), "amazon:emotion": ("name", "intensity"),
    "amazon:domain": ("name",),
}

_BREAK_TIME = re.compile(r"(\d+(?:\.\d+)?)(ms|s)")
# Alexa writes amazon:effect and the like without declaring the prefix; we bind it to this name to parse them.
AMAZON_NS = "http://amazon.com/ssml/2017-11-01"
_XML_NS = "http://www.w3.org/XML/1998/namespace"


def break_time_seconds(time: str) -> float | None:
    """The seconds of a <break time="..."> value ("1.5s", "500ms"); None when it is not a time Alexa reads."""
    match = _BREAK_TIME.fullmatch(time or "")
    if not match:
        return None
    return float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)


def parse_ssml(ssml: str) -> ElementTree.Element:
    """The SSML as an element tree, the undeclared amazon: prefix bound; raises ElementTree.ParseError."""
    from xml.etree import ElementTree

    if "amazon:" in ssml and "xmlns:amazon" not in ssml:
        ssml = re.sub(r"<speak\b", f'<speak xmlns:amazon="{AMAZON_NS}"', ssml, count=1)
    return ElementTree.fromstring(ssml)


def tag_name(element: ElementTree.Element) -> str:
    """The tag as Alexa's documentation writes it: "break", "amazon:domain"."""
    return _prefixed(element.tag)


def attribute_name(key: str) -> str:
    """An attribute as the documentation writes it: "time", "xml:lang"."""
    return _prefixed(key)


def _prefixed(name: str) -> str:
    """Alexa's two prefixes written out; any other namespace stays "{uri}name", a tag Alexa does not have."""
    for uri, prefix in ((AMAZON_NS, "amazon:"), (_XML_NS, "xml:")):
        if name.startswith("{" + uri + "}"):
            return prefix + name[len(uri) + 2:]
    return name
