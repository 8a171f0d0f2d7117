"""Building SSML for a slow, quiet practice, and measuring how long it lasts.

Alexa allows a single <break> of at most MAX_BREAK_SECONDS (skill/alexa_limits.py says where),
so longer silences are chained breaks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape, unescape

from .alexa_limits import MAX_BREAK_SECONDS, MAX_SPEECH_CHARS, SSML_TAGS, break_time_seconds, parse_ssml, tag_name
# Slightly slower than Alexa's default voice: unhurried, but not drawn out.
PRACTICE_RATE_PERCENT = 90
# Alexa's default voice speaks about 150 words a minute; used only to estimate lengths.
WORDS_PER_SECOND_AT_100 = 2.5
# Longest piece of a user's own words we will ever say back.
MAX_ECHOED_CHARS = 60
# Characters XML 1.0 does not allow at all (control characters, lone surrogates, U+FFFE/U+FFFF):
# escaping cannot make them valid, so they are dropped from anything a user said.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def spoken(user_words: str) -> str:
    """Make something a user said safe to put inside SSML.

    Their words are escaped (never markup) and kept short, so a strange slot
    value can neither break the SSML nor swell the response.
    """
    words = " ".join(xml_safe(str(user_words)).split())[:MAX_ECHOED_CHARS]
    return escape(words)


def xml_safe(text: str) -> str:
    """`text` without the characters no XML (and no UTF-8) can carry, each replaced by a space."""
    return _NOT_XML.sub(" ", text)


@lru_cache(maxsize=128)  # a handful of lengths (pauses of the texts, rest lengths) asked for on every request
def silence(seconds: float) -> str:
    """Breaks adding up to `seconds`, none longer than Alexa allows."""
    parts = []
    remaining = round(seconds, 1)
    while remaining > 0:
        step = min(MAX_BREAK_SECONDS, remaining)
        parts.append(f'<break time="{_format_seconds(step)}s"/>')
        remaining = round(remaining - step, 1)
    return "".join(parts)


def _format_seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def speak(body: str, rate: int = PRACTICE_RATE_PERCENT) -> str:
    """Wrap an SSML body in <speak> at the practice's pace."""
    return f'<speak><prosody rate="{rate}%">{body}</prosody></speak>'


def is_own_speech(ssml: object) -> bool:
    """Whether `ssml` could be speech this skill wrote: well-formed Alexa SSML, no outside audio, short enough.

    Session attributes come back from the client, so what "say that again" replays is checked first:
    a stale or forged `last_speech` must not be spoken as broken or foreign markup.
    """
    if not isinstance(ssml, str) or not ssml.startswith("<speak>") or len(ssml) > MAX_SPEECH_CHARS:
        return False
    from xml.etree.ElementTree import ParseError  # here, not at start-up: only "say that again" needs it

    try:
        root = parse_ssml(ssml)
    except ParseError:
        return False
    for element in root.iter():
        tag = tag_name(element)
        if tag not in SSML_TAGS:
            return False
        # Our own audio is only ever a sound from Alexa's library.
        if tag == "audio" and not element.get("src", "").startswith("soundbank://"):
            return False
        if tag == "break" and not 0 < (break_time_seconds(element.get("time", "")) or 0) <= MAX_BREAK_SECONDS:
            return False
    return True


# A break with a time; the time itself is read by alexa_limits.break_time_seconds.
_BREAK = re.compile(r'<break\s+time="([^"]*)"\s*/>')
_TAG = re.compile(r"<[^>]+>")
_AUDIO = re.compile(r"<audio\b[^>]*>")
# A tag closed just before punctuation ("<say-as>123</say-as>.") must not leave a space there.
_CLOSE_BEFORE_PUNCTUATION = re.compile(r"</[^>]+>(?=[.,;:?!])")
_RATE = re.compile(r'<prosody[^>]*rate="(\d+)%"')


def break_seconds(ssml: str) -> list[float]:
    """Every break in the SSML, in seconds, in order (a time Alexa could not read counts as none)."""
    return [break_time_seconds(time) or 0.0 for time in _BREAK.findall(ssml)]


def estimate_seconds(ssml: str) -> float:
    """Estimated playing time: words at the (single, outer) prosody rate plus all breaks."""
    rate_match = _RATE.search(ssml)
    rate = int(rate_match.group(1)) / 100 if rate_match else 1.0
    words = len(_TAG.sub(" ", ssml).split())
    speaking = words / (WORDS_PER_SECOND_AT_100 * rate)
    return round(speaking + sum(break_seconds(ssml)), 1)


def plain_text(ssml: str, show_pauses: bool = True) -> str:
    """The SSML as a person would read it, with pauses marked as [pause Ns]."""

    def pause_marker(match: re.Match) -> str:
        seconds = break_time_seconds(match.group(1))
        return f" [pause {seconds:g}s] " if show_pauses and seconds is not None else " "

    text = _merge_adjacent_pauses(_BREAK.sub(pause_marker, ssml))
    if show_pauses:
        text = _AUDIO.sub(" [sound] ", text)
    text = _CLOSE_BEFORE_PUNCTUATION.sub("", text)
    return " ".join(_unescape(_TAG.sub(" ", text)).split())


def _unescape(text: str) -> str:
    return unescape(text, {"&quot;": '"', "&apos;": "'"})


def _merge_adjacent_pauses(text: str) -> str:
    pattern = re.compile(r"\[pause ([\d.]+)s\]\s*\[pause ([\d.]+)s\]")
    while pattern.search(text):
        text = pattern.sub(lambda m: f"[pause {float(m.group(1)) + float(m.group(2)):g}s]", text)
    return text


@dataclass(frozen=True)
class Segment:
    """One stretch of a reply: words spoken at a rate, or a silence."""

    kind: str          # "speech" or "silence"
    seconds: float
    text: str = ""
    rate: float = 1.0  # speaking rate relative to the voice's default (0.9 is prosody rate="90%")

    def as_dict(self) -> dict:
        return {"kind": self.kind, "seconds": self.seconds, "text": self.text, "rate": self.rate}


_PIECE = re.compile(r"<[^>]+>|[^<]+")
_RATE_VALUE = re.compile(r'rate="(\d+)%"')


def segments(ssml: str) -> list[Segment]:
    """The reply as it plays: speech and silence in order, each with its (estimated) length.

    Unlike estimate_seconds, each stretch of words is timed at the prosody rate in
    force where it is said (the phrase is slower than the words around it), and
    chained breaks are one silence, as a listener hears them.
    """
    result: list[Segment] = []
    rates = [1.0]
    words: list[str] = []

    def flush_words() -> None:
        text = " ".join(_unescape(" ".join(words)).split())
        words.clear()
        if text:
            seconds = len(text.split()) / (WORDS_PER_SECOND_AT_100 * rates[-1])
            result.append(Segment("speech", round(seconds, 1), text, rates[-1]))

    for piece in _PIECE.findall(ssml):
        if not piece.startswith("<"):
            words.append(piece)
            continue
        pause = _BREAK.fullmatch(piece)
        seconds = break_time_seconds(pause.group(1)) if pause else None
        if seconds is not None:
            flush_words()
            if result and result[-1].kind == "silence":
                seconds += result.pop().seconds
            result.append(Segment("silence", round(seconds, 1)))
        elif piece.startswith("<prosody"):
            flush_words()
            rate = _RATE_VALUE.search(piece)
            rates.append(int(rate.group(1)) / 100 if rate else rates[-1])
        elif piece.startswith("</prosody"):
            flush_words()
            if len(rates) > 1:
                rates.pop()
    flush_words()
    return result
