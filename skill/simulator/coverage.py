"""Do people's everyday words lead where they meant? Scoring phrasings against the skill itself.

Two kinds of list, both YAML with a list of `utterances`:

* Rounds (tests/phrasing/roundN.yaml), written blind: `{say, at, means, value}`: the words, the step
  they are said at, the intent meant and (for a slot) the value meant. Each is judged by what the
  skill did: the session is put at that step (by walking there as a person would, then restoring
  that session for every utterance), the words are typed through the resolver, and the reply and
  the next state are compared with what the skill does when it gets exactly what was meant
  (`EXPECTED` says what is compared for each intent). Where the skill has no such step yet
  (the walk does not get there), or the intent is not in the model, the utterance is judged by
  the intent and value it resolves to, and the report says how many were.
* The older list (tests/simulator_utterances.yaml): `{say, intent, slots, resolved}`, by intent and slot.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .resolver import InteractionModel, Resolution, SlotValue, normalise

# How to reach each step from a first launch, as a person would say it. A step is reached when the
# session attributes say so ("step", and "question" where one is pending); the walk stops there.
OPEN = "open shared compassion"
WALKS = {
    "welcome": ([OPEN], {"step": "welcome", "question": "begin"}),
    "pause": ([OPEN, "yes"], {"step": "pause"}),
    "feeling": ([OPEN, "yes", "i'm ready"], {"step": "feeling"}),
    "presence": ([OPEN, "yes", "i'm ready", "i feel sad"], {"step": "presence", "question": None}),
    "remember": ([OPEN, "yes", "i'm ready", "i feel sad", "my grandmother", "rest"], {"question": "remember"}),
    "phrase": ([OPEN, "yes", "i'm ready", "i feel sad", "my grandmother", "no"], {"step": "phrase"}),
    # A returning person whose presence was kept: the remember walk, "yes", the session ends, then:
    "welcome_back": ([OPEN], {"step": "welcome", "question": "same_presence"}),
}

# What is compared, by what the person meant. For an intent with a value: the value (the same
# listed entry, or the words meant heard) and these parts of the next state, since the reply
# itself says the person's own words back. For every other intent: the whole next state
# (step, question, rest, bell, how it closed, whether the session ended, the card) and the reply.
EXPECTED = {
    # "the feeling they meant is reflected, and the presence question follows"
    "FeelingIntent": ("step", "ended"),
    # "the presence they meant is welcomed, and the phrase follows" (a listed presence is first
    # offered to be remembered, an unlisted one is not: both are the phrase following)
    "PresenceIntent": ("next", "ended"),
    # "the rest length they meant is kept" (and the rest begins, where it is chosen after the phrase)
    "RestLengthIntent": ("step", "rest", "ended"),
    # "the session ends": with the skill's goodbye, its "not now", or, for "exit", Alexa's own
    # SessionEndedRequest (https://developer.amazon.com/en-US/docs/alexa/custom-skills/handle-requests-sent-by-alexa.html)
    "AMAZON.StopIntent": ("ended",),
    "AMAZON.CancelIntent": ("ended",),
}
STATE_KEYS = ("step", "question", "rest", "bell", "closed_with")


@dataclass
class Verdict:
    say: str
    at: str
    means: str
    right: bool
    by_intent: bool   # judged by the intent (the step or the intent does not exist yet)
    heard: str        # what the words resolved to
    detail: str = ""


@dataclass
class Score:
    path: str
    locale: str
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.verdicts)

    @property
    def right(self) -> int:
        return sum(v.right for v in self.verdicts)

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0

    @property
    def misses(self) -> list[str]:
        return [f"{v.say!r} at {v.at} -> {v.heard} (meant {v.means}){': ' + v.detail if v.detail else ''}"
                for v in self.verdicts if not v.right]

    def by_group(self) -> dict[str, tuple[int, int]]:
        groups: dict[str, list[int]] = {}
        for v in self.verdicts:
            counts = groups.setdefault(v.means, [0, 0])
            counts[0] += v.right
            counts[1] += 1
        return {name: (right, total) for name, (right, total) in sorted(groups.items())}

    def report(self) -> str:
        lines = [f"  miss: {miss}" for miss in self.misses]
        lines.append(f"{self.path} [{self.locale}]: {self.right} of {self.total} lead where the person meant "
                     f"({self.percent:.0f}%)")
        for name, (right, total) in self.by_group().items():
            lines.append(f"  {name:<26} {right:>3}/{total:<3} {100.0 * right / total:4.0f}%")
        by_intent = [v for v in self.verdicts if v.by_intent and v.at != "-"]
        if by_intent:
            steps = sorted({v.at for v in by_intent})
            lines.append(f"  ({len(by_intent)} judged by intent only: the skill has no such step or intent yet "
                         f"({', '.join(steps)}))")
        return "\n".join(lines)


def load(path: str | Path) -> list[dict]:
    """The utterances; "off", "yes" and "no" stay words (a feeling of "off" is not False)."""
    from .transcripts import _TranscriptLoader

    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_TranscriptLoader)["utterances"]


def score(path: str | Path, locale: str = "en-US", target=None) -> Score:
    """Score one list. Rounds are played against the skill (in-process unless `target` is given)."""
    listed = load(path)
    model = InteractionModel.for_locale(locale)
    result = Score(str(path), locale)
    if listed and "means" not in listed[0]:
        for expected in listed:
            resolution = model.resolve(expected["say"], in_session=True)
            result.verdicts.append(Verdict(expected["say"], "-", expected["intent"], is_right(resolution, expected),
                                           True, resolution.describe()))
        return result
    steps = _Steps(model, locale, target)
    for expected in listed:
        result.verdicts.append(steps.judge(expected))
    return result


def is_right(resolution: Resolution, expected: dict) -> bool:
    """The older list: the intent, the slot words and (if given) the canonical value."""
    if resolution.intent != expected["intent"]:
        return False
    for name, words in (expected.get("slots") or {}).items():
        slot = resolution.slots.get(name)
        if slot is None or (slot.value or "").casefold() != str(words).casefold():
            return False
        if "resolved" in expected and slot.canonical != expected["resolved"]:
            return False
    return True


class _Steps:
    """The skill, with a session saved at each step, to put an utterance where it is said."""

    def __init__(self, model: InteractionModel, locale: str, target=None):
        from .session import InProcessTarget, Simulator, scratch_data_dir

        self.model = model
        self.target = target or InProcessTarget({"DATA_DIR": scratch_data_dir()})
        self._simulator = Simulator  # imported here: the session imports the app, which this module need not
        self.saved: dict[str, tuple | None] = {}

    def _at(self, step: str):
        """A simulator whose session is at `step`, or None if the skill has no such step."""
        if step not in self.saved:
            self.saved[step] = self._walk(step)
        saved = self.saved[step]
        if saved is None:
            return None
        user_id, attributes, last = saved
        sim = self._simulator(self.target, locale=self.model.locale, user_id=user_id, model=self.model)
        sim.resume(attributes, last)
        return sim

    def _walk(self, step: str):
        """Say the step's walk as a new user; the session as it is when the step is reached, or None."""
        sim = self._simulator(self.target, locale=self.model.locale, model=self.model)
        sim.new_user()
        if step == "welcome_back":
            if self._walk_with(sim, "remember") is None:
                return None
            sim.say("yes")
            sim.end("USER_INITIATED")
            return self._walk_with(sim, step)
        return self._walk_with(sim, step)

    def _walk_with(self, sim, step: str):
        words, wanted = WALKS[step]
        for said in words:
            turn = sim.say(said)
            if turn.error:
                return None
            if sim.in_session and all(sim.attributes.get(k) == v for k, v in wanted.items()):
                return sim.user_id, copy.deepcopy(sim.attributes), turn
        return None

    def judge(self, expected: dict) -> Verdict:
        said, at, means, value = str(expected["say"]), expected["at"], expected["means"], expected.get("value")
        heard = self.model.match_intent(said)
        slot_name = next(iter(self.model.slot_types.get(means, {})), None)
        value_right = value is None or slot_name is None or _value_matches(self.model, means, slot_name,
                                                                           heard.slots.get(slot_name), str(value))
        intent_right = heard.intent == means and value_right
        sim = self._at(at) if at in WALKS else None
        if sim is None or means not in self.model.intents:
            return Verdict(said, at, means, intent_right, True, heard.describe())
        wanted = self._reference(at, means, slot_name, value)
        actual = sim.say(said)
        if actual.error:
            return Verdict(said, at, means, False, False, heard.describe(), f"the skill failed: {actual.error}")
        got_state, wanted_state = _state(actual, sim), wanted
        keys = EXPECTED.get(means) or tuple(wanted_state["outcome"])
        differ = {k: (got_state["outcome"][k], wanted_state["outcome"][k]) for k in keys
                  if got_state["outcome"][k] != wanted_state["outcome"][k]}
        if differ:
            return Verdict(said, at, means, False, False, heard.describe(),
                           ", ".join(f"{k} {got!r}, meant {meant!r}" for k, (got, meant) in differ.items()))
        if means in EXPECTED and slot_name:
            return Verdict(said, at, means, value_right, False, heard.describe(),
                           "" if value_right else f"not the value meant ({value})")
        if means not in EXPECTED and got_state["reply"] != wanted_state["reply"]:
            return Verdict(said, at, means, False, False, heard.describe(),
                           f"said {got_state['reply'][:70]!r}, meant {wanted_state['reply'][:70]!r}")
        return Verdict(said, at, means, True, False, heard.describe())

    def _reference(self, at: str, means: str, slot_name: str | None, value) -> dict:
        """What the skill does at `at` when it gets exactly the intent (and value) meant."""
        sim = self._at(at)
        slots = {name: SlotValue(name, None, t) for name, t in self.model.slot_types.get(means, {}).items()}
        if slot_name and value is not None:
            slots[slot_name] = self.model.resolve_slot(means, slot_name, str(value))
        resolution = Resolution("intent", means, slots, utterance=str(value or means))
        return _state(sim.send_resolution(resolution), sim)


def _state(turn, sim) -> dict:
    attributes = sim.attributes if sim.in_session else (turn.response or {}).get("sessionAttributes") or {}
    outcome = {k: attributes.get(k) for k in STATE_KEYS}
    outcome["ended"] = turn.ended
    outcome["card"] = turn.card.title if turn.card else None
    outcome["next"] = "phrase" if outcome["question"] == "remember" else outcome["step"]
    return {"outcome": outcome, "reply": " ".join(turn.text.split())}


def _value_matches(model: InteractionModel, intent: str, slot_name: str, slot: SlotValue | None, value: str) -> bool:
    """The value meant: the same listed entry, or (where either is not listed) the words meant are heard."""
    if slot is None or not slot.value:
        return False
    wanted = model.resolve_slot(intent, slot_name, value)
    if slot.resolved and wanted.resolved:
        return slot.id == wanted.id
    meant = f" {normalise(value)} "
    if slot.resolved:
        return any(meant in f" {words} " for words in model.words_for(slot.type, slot.id))
    heard = f" {normalise(slot.value)} "
    # Heard as said: the words meant are in it, or it begins with a listed name of the value meant
    # ("my mate dave" is a friend; "i reckon my mum" is not the person's words for their mother),
    if meant in heard or not wanted.resolved:
        return meant in heard
    names = [f" {words} " for words in model.words_for(wanted.type, wanted.id)]
    if any(heard.startswith(name) for name in names):
        return True
    # "the budgie", "our old labrador max": someone's own words for the one meant, led by my/our/the/a.
    return heard.split()[0] in {"my", "our", "the", "a", "an", "me"} and any(name in heard for name in names)
