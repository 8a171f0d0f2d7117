"""The skill's words for each locale, as one typed structure, and the one way to turn them into speech.

en.py holds the English every locale shares; en_GB.py and the others only what differs (a text
of their own, or a few entries of a per-state table). `Texts` names every text: a locale that
lacks one, or names one that does not exist, fails when this module is imported, not in one
state at run time; so does a per-state table that misses a state of skill/dialog.py.

`render` is the one renderer: {pause:N} becomes N seconds of silence, {name} a value (a
person's words or our own, always escaped; a phone number as SSML digit groups), {Name} the
same with a capital. `render_text` is the same template for a card or a screen.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Mapping
from xml.sax.saxutils import escape

from .. import dialog
from ..ssml import silence, xml_safe
from . import en

DEFAULT_LOCALE = "en-US"
# Locales whose words differ from the shared English; each has a module of overrides.
LOCALE_OVERRIDES: dict[str, str] = {"en-US": "", "en-GB": "en_GB", "en-AU": "en_AU", "en-IN": "en_IN",
                                    "en-CA": "en_CA"}


@dataclass(frozen=True)
class Texts:
    """Every text the skill says or shows. Templates: see `render`."""

    SKILL_NAME: str
    THE_PHRASE: str
    PHRASE_SENTENCES: tuple
    # Per state of skill/dialog.py: said after silence, said again after what a state cannot take,
    # and "where you are and what you can say".
    REPROMPT: Mapping[str, str]
    RE_ASK: Mapping[str, str]
    HELP: Mapping[str, str]
    HELP_INTRO: str
    SAFETY_NET: str
    WELCOME: str
    WELCOME_BACK: str
    WELCOME_BACK_WITH_PRESENCE: str
    INVITED_AGAIN: str
    NOT_AGAIN: str
    NOT_NOW: str
    PAUSE: str
    ASK_FEELING: str
    REFLECT_FEELING: str
    REFLECT_UNSPOKEN: str
    REFLECT_UNNAMED: str
    REFLECT_HEAVY_FEELING: str
    REFLECT_HEAVY_UNSPOKEN: str
    HEAVY_CARD_TITLE: str
    HEAVY_CARD_TEXT: str
    ASK_PRESENCE: str
    WELCOME_PRESENCE: str
    WELCOME_UNSPOKEN_PRESENCE: str
    NO_PRESENCE: str
    PRESENCE_SPOKEN: Mapping[str, str]
    PHRASE_INTRO: str
    ASK_AGAIN_OR_REST: str
    PHRASE_ONLY_INTRO: str
    PHRASE_ONLY_CLOSE: str
    PHRASE_CARD_TITLE: str
    PHRASE_CARD_TEXT: str
    REST_INTRO: str
    REST_CHOSEN: Mapping[str, str]
    REST_CHOICES: str
    BELL_ON: str
    BELL_OFF: str
    CLOSE: str
    CLOSE_WITH_PRESENCE: str
    CLOSE_BEFORE_ASKING: str
    ASK_REMEMBER: str
    WILL_REMEMBER: str
    WILL_NOT_REMEMBER: str
    REMEMBER_FAILED: str
    FORGOTTEN: str
    FORGET_FAILED: str
    GOODBYE: str
    LEARN_MORE: str
    ERROR: str
    ERROR_REPROMPT: str
    SCREENS: Mapping[str, Mapping[str, str]]
    SCREEN_BUTTONS: Mapping[str, str]
    CRISIS_ACKNOWLEDGE: str
    CRISIS_LINE: str
    CRISIS_TEXT_OPTION: str
    CRISIS_OTHER_CALL: str
    CRISIS_EMERGENCY: str
    CRISIS_HONEST: str
    CRISIS_OFFER: str
    CRISIS_BREATH: str
    CRISIS_REOFFER: str
    CRISIS_GO_ON: str
    CRISIS_GO_ON_GENTLY: str
    CRISIS_STILL_HERE: str
    CRISIS_GOODBYE: str
    CRISIS_CARD_TITLE: str
    CRISIS_CARD_CALL: str
    CRISIS_CARD_TEXT: str
    CRISIS_CARD_OTHER_CALL: str
    CRISIS_CARD_EMAIL: str
    CRISIS_CARD_EMERGENCY: str
    CRISIS_CARD_HONEST: str
    # Danger of every other kind (skill/safety/): words and cards.
    IMMEDIATE_DANGER: str
    MEDICAL_EMERGENCY: str
    SOMEONE_ELSE: str
    SOMEONE_ELSE_OFFER: str
    VIOLENCE_BELIEVE: str
    VIOLENCE_ABUSE_LINE: str
    VIOLENCE_ABUSE_TEXT: str
    VIOLENCE_ABUSE_TEXT_KEYWORD: str
    VIOLENCE_ASSAULT_LINE: str
    VIOLENCE_NO_NATIONAL_LINE: str
    VIOLENCE_EMERGENCY: str
    VIOLENCE_VOICE_HISTORY: str
    VIOLENCE_OFFER: str
    PANIC_GROUNDING: str
    DANGER_CARD_TITLE: str
    IMMEDIATE_CARD_TEXT: str
    MEDICAL_CARD_TEXT: str
    SOMEONE_ELSE_CARD_TITLE: str
    SOMEONE_ELSE_CARD_TEXT: str
    VIOLENCE_CARD_TITLE: str
    VIOLENCE_CARD_ABUSE: str
    VIOLENCE_CARD_ABUSE_TEXT: str
    VIOLENCE_CARD_ABUSE_TEXT_KEYWORD: str
    VIOLENCE_CARD_ASSAULT: str
    VIOLENCE_CARD_NO_NATIONAL_LINE: str
    VIOLENCE_CARD_EMERGENCY: str
    VIOLENCE_CARD_VOICE_HISTORY: str
    PANIC_OFFER: str
    PANIC_SETTLE: str
    PANIC_GOODBYE: str
    IMMEDIATE_AGAIN: str
    IMMEDIATE_GOODBYE: str
    SOMEONE_ELSE_GOODBYE: str
    VIOLENCE_GOODBYE: str
    STAY_QUIETLY: str
    VIOLENCE_GO_ON: str
    PANIC_CARD_TITLE: str
    PANIC_CARD_TEXT: str


# Texts that hold one entry per state of the dialog.
PER_STATE = ("REPROMPT", "RE_ASK", "HELP")


def _public_names(module) -> dict:
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


def _load(locale: str) -> Texts:
    words = _public_names(en)
    override = LOCALE_OVERRIDES[locale]
    if override:
        for name, value in _public_names(importlib.import_module(f"{__name__}.{override}")).items():
            # A locale may change a few entries of a table and keep the rest.
            words[name] = {**words[name], **value} if isinstance(value, dict) and name in words else value
    missing = [name for name in PER_STATE for state in dialog.STATES if state not in words.get(name, {})]
    if missing:
        raise TypeError(f"{locale}: a per-state text misses a state of the dialog: {missing}")
    frozen = {name: MappingProxyType(value) if isinstance(value, dict) else value for name, value in words.items()}
    return Texts(**frozen)  # a missing or unknown name is a TypeError here


# Checked when this module is imported: every locale has every text, and nothing it does not know.
_TEXTS = {locale: _load(locale) for locale in LOCALE_OVERRIDES}


def texts_for(locale: str | None) -> Texts:
    """All the words for `locale` (the default locale's for one we do not ship)."""
    return _TEXTS.get(locale) or _TEXTS[DEFAULT_LOCALE]


_FIELD = re.compile(r"\{(pause:\d+(?:\.\d+)?|[A-Za-z_]+)\}")


def _value(values: dict, name: str, as_ssml: bool) -> str:
    key = name if name in values else name[:1].lower() + name[1:]
    value = values[key]  # a template naming a value the caller did not give is a KeyError: a bug
    if hasattr(value, "ssml"):  # a phone number: digit groups with pauses, or as written
        words = value.ssml if as_ssml else value.display
    else:
        words = " ".join(xml_safe(str(value)).split())
        words = escape(words) if as_ssml else words
    return words[:1].upper() + words[1:] if key != name else words


def render(template: str, **values) -> str:
    """A speech template as an SSML body (see the module docstring)."""
    def field(match: re.Match) -> str:
        name = match.group(1)
        if name.startswith("pause:"):
            return silence(float(name[6:]))
        return _value(values, name, as_ssml=True)

    return _FIELD.sub(field, template)


def render_text(template: str, **values) -> str:
    """The same template as plain text, for a card or a screen: no pauses, numbers as written."""
    def field(match: re.Match) -> str:
        name = match.group(1)
        return "" if name.startswith("pause:") else _value(values, name, as_ssml=False)

    return re.sub(r" {2,}", " ", _FIELD.sub(field, template)).strip()


def text_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Texts))
