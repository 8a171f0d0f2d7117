"""Conversations written down: play them back, check every reply, write new ones.

A transcript is YAML (tests/conversations/*.yaml):

    name: The whole practice, with a feeling and a presence named
    turns:
      - user: open shared compassion         # what the person types; "<silence>" is saying nothing
        intent: LaunchRequest                # optional: what the words must become
        says: [Welcome, Shall we begin?]     # each must appear in the reply (case and pauses ignored)
        not_says: [didn't understand]        # none of these may appear
        matches: 'pause \\d+s'               # optional regular expression over the text with its pauses
        reprompt: begin                      # must appear in the reprompt
        card: This is painful                # must appear in the card's title or text
        slots: {feeling: anxious}            # optional: the slot values heard
        ends: false                          # whether the session ends with this reply

Every reply is also checked by the response validator; any problem it finds fails the turn.

`ask dialog` replay files (JSON with skillId, locale, type, userInput) play the same way,
with only the validator and the HTTP status to pass; `compassion-sim --replay` prints them as
the conversation `ask dialog --replay` prints ("User > ", "Alexa > ").
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .session import SILENCE, Simulator, Turn

SILENCE_MARK = "<silence>"
_PAUSE_MARK = re.compile(r"\s*\[pause [\d.]+s\]\s*")


def without_pauses(text: str) -> str:
    return " ".join(_PAUSE_MARK.sub(" ", text).split())


def _folded(text: str) -> str:
    return without_pauses(text).replace("\u2019", "'").casefold()


@dataclass
class TurnResult:
    number: int
    user: str
    turn: Turn
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class TranscriptResult:
    name: str
    locale: str
    turns: list[TurnResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(t.passed for t in self.turns)

    def report(self) -> str:
        lines = [f"{'PASS' if self.passed else 'FAIL'}  {self.name} [{self.locale}]"]
        for result in self.turns:
            mark = "ok  " if result.passed else "FAIL"
            lines.append(f"  {mark} {result.number:>2}. {result.user or SILENCE_MARK}")
            lines += [f"         - {failure}" for failure in result.failures]
        return "\n".join(lines)


class _TranscriptLoader(yaml.SafeLoader):
    """YAML where yes, no, on and off stay words: people say them, they are not booleans here."""


_TranscriptLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_TranscriptLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                        list("tTfF"))


def load(path: str | Path) -> dict:
    """A transcript from YAML, or an `ask dialog` replay file turned into one."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return from_ask_dialog(json.loads(text), name=path.stem)
    data = yaml.load(text, Loader=_TranscriptLoader) or {}
    if not isinstance(data.get("turns"), list) or not data["turns"]:
        raise ValueError(f"{path}: a transcript needs a list of turns")
    data.setdefault("name", path.stem)
    return data


def from_ask_dialog(replay: dict, name: str = "ask dialog replay") -> dict:
    """`ask dialog --replay` files: {"skillId", "locale", "type": "text", "userInput": [...]}."""
    if replay.get("type", "text") != "text" or not isinstance(replay.get("userInput"), list):
        raise ValueError("not an ask dialog replay file: needs type \"text\" and a userInput list")
    turns = [{"user": line if line.strip() else SILENCE_MARK} for line in replay["userInput"]]
    return {"name": name, "locale": replay.get("locale"), "turns": turns, "ask_dialog": True}


def play(transcript: dict, simulator: Simulator) -> TranscriptResult:
    """Play a transcript against a simulator, checking each reply."""
    result = TranscriptResult(transcript.get("name", "transcript"), simulator.locale)
    for number, expected in enumerate(transcript["turns"], start=1):
        user = str(expected.get("user", ""))
        said = SILENCE if user.strip() == SILENCE_MARK else user
        turn = simulator.say(said)
        result.turns.append(TurnResult(number, said, turn, check(turn, expected)))
    return result


def check(turn: Turn, expected: dict) -> list[str]:
    """What about this turn differs from what the transcript expects."""
    failures = []
    if turn.error:
        return [f"the skill failed: {turn.error}"]
    failures += [f"validator: {w} [{w.doc}]" for w in turn.warnings]
    if "intent" in expected:
        got = turn.intent or turn.request_type or "(nothing sent)"
        if got != expected["intent"]:
            failures.append(f"resolved to {got}, expected {expected['intent']}")
    for name, value in (expected.get("slots") or {}).items():
        heard = turn.resolution.slot_value(name) if turn.resolution else None
        if (heard or "").casefold() != str(value).casefold():
            failures.append(f"slot {name} heard as {heard!r}, expected {value!r}")
    text = _folded(turn.text)
    for words in _as_list(expected.get("says")):
        if _folded(words) not in text:
            failures.append(f"reply does not say {words!r}: {without_pauses(turn.text)[:160]!r}")
    for words in _as_list(expected.get("not_says")):
        if _folded(words) in text:
            failures.append(f"reply says {words!r}, which it must not")
    if "matches" in expected and not re.search(expected["matches"], turn.text, re.IGNORECASE):
        failures.append(f"reply does not match /{expected['matches']}/")
    if "reprompt" in expected and _folded(str(expected["reprompt"])) not in _folded(turn.reprompt):
        failures.append(f"reprompt does not say {expected['reprompt']!r}: {turn.reprompt[:120]!r}")
    if "card" in expected:
        card = f"{turn.card.title} {turn.card.text}" if turn.card else ""
        if _folded(str(expected["card"])) not in _folded(card):
            failures.append(f"card does not show {expected['card']!r}")
    if "ends" in expected and bool(expected["ends"]) != turn.ended:
        failures.append("session ended" if turn.ended else "session stayed open")
    return failures


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


class Recorder:
    """Writes an interactive session out as a transcript that replays it."""

    def __init__(self, name: str = "recorded session"):
        self.name = name
        self.turns: list[dict] = []

    def add(self, turn: Turn) -> None:
        entry: dict = {"user": turn.said if turn.said.strip() else SILENCE_MARK}
        if turn.intent or turn.request_type:
            entry["intent"] = turn.intent or turn.request_type
        filled = {n: s.value for n, s in (turn.resolution.slots.items() if turn.resolution else []) if s.value}
        if filled:
            entry["slots"] = filled
        first_sentence = _first_sentence(turn.text)
        if first_sentence:
            entry["says"] = [first_sentence]
        entry["ends"] = turn.ended
        self.turns.append(entry)

    def dump(self) -> str:
        return yaml.safe_dump({"name": self.name, "turns": self.turns}, sort_keys=False, allow_unicode=True,
                              width=100)

    def write(self, path: str | Path) -> None:
        Path(path).write_text(self.dump(), encoding="utf-8")


def _first_sentence(text: str) -> str:
    plain = without_pauses(text)
    match = re.match(r"(.+?[.?!])(\s|$)", plain)
    return (match.group(1) if match else plain)[:80]
