"""What a session holds between requests, read from and written to Alexa's session attributes here only.

Session attributes come back from the client with every request, so they may be stale (an older
version of the skill wrote them), forged, or of the wrong type. Each field is checked once, when it
is read; a value that fails its check is dropped, as if it had never been written. Nothing else in
the skill reads the raw attributes.
"""
from __future__ import annotations

from dataclasses import dataclass

from .alexa_limits import MAX_SPEECH_CHARS

# Far longer than anything a person says in one breath (slot values are cut to this when heard).
MAX_WORDS_CHARS = 500
# The rest lengths the practice offers, by the id the model resolves them to.
REST_LENGTHS = ("short", "medium", "long")
# What the store keeps for this person, as far as this session knows.
MEMORY_KEPT, MEMORY_NONE = "kept", "none"


def _words(value) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_WORDS_CHARS


def _slot_id(value) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 64 and value.replace("_", "").isalnum()


def _flag(value) -> bool:
    return isinstance(value, bool)


def _rest(value) -> bool:
    return value in REST_LENGTHS


def _memory(value) -> bool:
    return value in (MEMORY_KEPT, MEMORY_NONE)


def _speech(value) -> bool:
    return isinstance(value, str) and value.startswith("<speak>") and len(value) <= MAX_SPEECH_CHARS


def _short(value) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 40


@dataclass
class SessionState:
    """One session's place in the practice and what it has heard. None: not known or not said."""

    step: str | None = None               # skill.dialog: with `question`, which state the session is in
    question: str | None = None
    feeling: str | None = None            # the feeling as said back; this session only, never stored
    presence: str | None = None           # the presence as said back ("your grandmother")
    presence_id: str | None = None        # ... and, when the model resolved it, its value id and name
    presence_name: str | None = None
    remembered_id: str | None = None      # the presence the store keeps for this person, if any
    remembered_name: str | None = None
    invited: bool | None = None           # the remembered presence was invited again at launch
    offered_to_remember: bool | None = None
    rest: str | None = None               # short, medium or long
    bell: bool | None = None
    memory: str | None = None             # MEMORY_KEPT or MEMORY_NONE, once the store was asked
    help_offered: bool | None = None      # the support line was mentioned this session
    history_noted: bool | None = None     # told once that the device's voice history may keep what was said
    assault_first: bool | None = None     # sexual assault was voiced: its line is given first
    closed_with: str | None = None        # how the session closed, when a screen shows more than goodbye
    last_speech: str | None = None        # for "say that again"
    last_reprompt: str | None = None

    @classmethod
    def from_attributes(cls, attributes: dict | None) -> "SessionState":
        attributes = attributes if isinstance(attributes, dict) else {}
        kept = {}
        for name, valid in _CHECKS.items():
            value = attributes.get(name)
            if value is not None and valid(value):
                kept[name] = value
        return cls(**kept)

    def to_attributes(self) -> dict:
        """The attributes to send back: only what is set."""
        # Every field is a str or a bool: no deep copy (dataclasses.asdict) is needed.
        return {name: value for name in _CHECKS if (value := getattr(self, name)) is not None}

    def forget_answers(self) -> None:
        """Start over: what this session heard goes; choices and memory stay."""
        self.feeling = self.presence = self.presence_id = self.presence_name = None
        self.invited = None


_CHECKS = {
    "step": _short, "question": _short, "feeling": _words, "presence": _words,
    "presence_id": _slot_id, "presence_name": _words, "remembered_id": _slot_id, "remembered_name": _words,
    "invited": _flag, "offered_to_remember": _flag, "rest": _rest, "bell": _flag, "memory": _memory,
    "help_offered": _flag, "history_noted": _flag, "assault_first": _flag, "closed_with": _short, "last_speech": _speech, "last_reprompt": _speech,
}
