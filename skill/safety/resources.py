"""The crisis line and the other support lines for each locale, as the skill says and shows them.

Numbers are spoken in digit groups with a short pause between them, so they can be heard,
understood and remembered (<say-as> is in Alexa's SSML in every locale).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..ssml import silence
from .data import crisis_data

DEFAULT_LOCALE = "en-US"
# Pause between the groups of a number: long enough to hear the groups, short enough to hold them.
GROUP_PAUSE_SECONDS = 0.6


@dataclass(frozen=True)
class Number:
    display: str
    ssml: str


@dataclass(frozen=True)
class CrisisLine:
    locale: str
    name: str
    call: Number
    emergency: Number
    hours: str
    text: Number | None = None
    other_call: Number | None = None
    email: str | None = None


@dataclass(frozen=True)
class SupportLine:
    """A domestic-abuse or sexual-assault line."""

    name: str
    hours: str
    call: Number
    text: Number | None = None
    text_keyword: str | None = None   # the word to send, where the line asks for one ("START")
    other_call: Number | None = None


@dataclass(frozen=True)
class SupportLines:
    """Every line the skill may give in a locale; a line is None where the country has no national one."""

    locale: str
    emergency: Number
    crisis: CrisisLine
    domestic_abuse: SupportLine | None
    sexual_assault: SupportLine | None


def _number(entry: dict) -> Number:
    groups = [str(g) for g in entry["groups"]]
    say_as = entry["say_as"]
    modes = say_as if isinstance(say_as, list) else [say_as] * len(groups)
    if entry.get("spoken"):
        ssml = f'<sub alias="{entry["spoken"]}">{entry["display"]}</sub>'
    else:
        pause = silence(GROUP_PAUSE_SECONDS)
        ssml = pause.join(f'<say-as interpret-as="{m}">{g}</say-as>' for g, m in zip(groups, modes))
    return Number(display=entry["display"], ssml=ssml)


@lru_cache(maxsize=None)
def crisis_line(locale: str | None) -> CrisisLine:
    """The line for `locale`; an unknown locale gets the default's (better than nothing)."""
    lines = crisis_data()["lines"]
    key = locale if locale in lines else DEFAULT_LOCALE
    entry = lines[key]
    optional = {name: _number(entry[name]) for name in ("text", "other_call") if entry.get(name)}
    return CrisisLine(locale=key, name=entry["name"], call=_number(entry["call"]),
                      emergency=_number(entry["emergency"]), hours=entry["hours"],
                      email=entry.get("email"), **optional)


def _support_line(entries: dict, kind: str) -> SupportLine | None:
    entry = entries.get(kind)
    if entry and entry.get("same_as"):
        entry = entries[entry["same_as"]]
    if not entry:
        return None
    optional = {name: _number(entry[name]) for name in ("text", "other_call") if entry.get(name)}
    keyword = (entry.get("text") or {}).get("keyword")
    return SupportLine(name=entry["name"], hours=entry["hours"], call=_number(entry["call"]),
                       text_keyword=keyword, **optional)


@lru_cache(maxsize=None)
def support_lines(locale: str | None) -> SupportLines:
    """Every line for `locale`; an unknown locale gets the default's (better than nothing)."""
    crisis = crisis_line(locale)
    entries = crisis_data()["support_lines"][crisis.locale]
    return SupportLines(locale=crisis.locale, emergency=crisis.emergency, crisis=crisis,
                        domestic_abuse=_support_line(entries, "domestic_abuse"),
                        sexual_assault=_support_line(entries, "sexual_assault"))


def locales() -> list[str]:
    return list(crisis_data()["lines"])
