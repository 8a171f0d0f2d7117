"""Building SSML for a slow, quiet practice, and measuring how long it lasts.

Alexa allows a single <break> of at most 10 seconds
(https://developer.amazon.com/en-US/docs/alexa/custom-skills/speech-synthesis-markup-language-ssml-reference.html#break),
so longer silences are chained breaks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, unescape

MAX_BREAK_SECONDS = 10
# Slightly slower than Alexa's default voice: unhurried, but not drawn out.
PRACTICE_RATE_PERCENT = 90
# Alexa's default voice speaks about 150 words a minute; used only to estimate lengths.
WORDS_PER_SECOND_AT_100 = 2.5
# Longest piece of a user's own words we will ever say back.
MAX_ECHOED_CHARS = 60


def spoken(user_words: str) -> str:
    """Make something a user said safe to put inside SSML.

    Their words are escaped (never markup) and kept short, so a strange slot
    value can neither break the SSML nor swell the response.
    """
    words = " ".join(str(user_words).split())[:MAX_ECHOED_CHARS]
    return escape(words)


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


_BREAK = re.compile(r'<break\s+time="(\d+(?:\.\d+)?)(ms|s)"\s*/>')
_TAG = re.compile(r"<[^>]+>")
_AUDIO = re.compile(r"<audio\b[^>]*>")
# A tag closed just before punctuation ("<say-as>123</say-as>.") must not leave a space there.
_CLOSE_BEFORE_PUNCTUATION = re.compile(r"</[^>]+>(?=[.,;:?!])")
_RATE = re.compile(r'<prosody[^>]*rate="(\d+)%"')


def break_seconds(ssml: str) -> list[float]:
    """Every break in the SSML, in seconds, in order."""
    return [float(n) / (1000 if unit == "ms" else 1) for n, unit in _BREAK.findall(ssml)]


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
        seconds = float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)
        return f" [pause {seconds:g}s] " if show_pauses else " "

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
        if pause:
            flush_words()
            seconds = float(pause.group(1)) / (1000 if pause.group(2) == "ms" else 1)
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
