"""From typed words to the Alexa request they would become, using the interaction model.

Alexa's language understanding is statistical; this resolver is a deterministic stand-in
that behaves the same way for the cases that matter when testing a skill:

* "open / launch / start / begin / talk to <invocation name>" is a LaunchRequest;
  "ask <invocation name> to <utterance>" and "tell <invocation name> <utterance>" are one-shot
  IntentRequests (https://developer.amazon.com/en-US/docs/alexa/custom-skills/understanding-how-users-invoke-custom-skills.html).
* A sample utterance matches when the words match with each {slot} standing for one or more words.
  When several samples match, the one with the most literal words wins, then the one with
  more slot values that resolve to a listed value.
* A sample that is nothing but slots ("{feeling}") only matches words that are, or contain, a value
  the slot type lists ("lonely and tired" holds "lonely"): without a single literal word there is
  nothing else to tell one intent's slot from another's, or a feeling from "play some jazz".
* Custom slot values are resolved against the slot type's values and synonyms (entity resolution):
  ER_SUCCESS_MATCH with the canonical value and id, or ER_SUCCESS_NO_MATCH, the words still
  passed through (https://developer.amazon.com/en-US/docs/alexa/custom-skills/entity-resolution.html).
* The AMAZON built-in intents the model declares also answer to their usual phrases (BUILT_IN_PHRASES),
  as Alexa's own training for them does.
* Filler words at the edges ("okay", "please", "um", "right now") may be let go: the utterance is
  matched with and without them. An unresolved slot value is weak evidence, so a sample whose
  literal words cover the utterance beats one that only catches it in a slot ("start the practice
  please" is BeginIntent, not PresenceIntent's "{presence} please"). Anything still unmatched is
  AMAZON.FallbackIntent when the model declares it.

Case, punctuation and common contractions are normalised on both sides, so "I'm" matches "i am".
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent.parent.parent / "interaction_models"

FALLBACK = "AMAZON.FallbackIntent"

# Words that start a skill without asking it anything.
LAUNCH_WORDS = ("open", "launch", "start", "begin", "talk to", "load", "run", "resume", "use", "play")
# Words that hand the rest of the sentence to the skill.
ONE_SHOT_WORDS = ("ask", "tell")
# Connecting words Alexa accepts between the invocation name and the utterance.
CONNECTING_WORDS = ("to", "for", "about", "that", "if", "whether", "and")
# Filler at the edges of an utterance that changes nothing about what was meant.
EDGE_FILLERS = frozenset({"okay", "ok", "alright", "please", "um", "uh", "erm", "hmm", "well", "so",
                          "oh", "thanks", "thank you", "just", "yeah", "really", "honestly", "now",
                          "right now", "today", "to be honest", "i think", "i guess"})

# The usual ways of saying the built-in intents (Alexa trains these itself; a model may add more).
BUILT_IN_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.HelpIntent": ("help", "help me", "i need help", "help please", "can you help me",
                          "what can i say", "what can i do", "what are my options", "how does this work"),
    "AMAZON.StopIntent": ("stop", "stop it", "stop please", "off", "shut up", "enough", "that's enough",
                          "i'm done", "goodbye", "bye", "end"),
    "AMAZON.CancelIntent": ("cancel", "cancel that", "never mind", "nevermind", "forget it"),
    "AMAZON.YesIntent": ("yes", "yeah", "yep", "yes please", "sure", "of course", "okay", "ok",
                         "sounds good", "please do", "absolutely", "why not", "go for it"),
    "AMAZON.NoIntent": ("no", "nope", "nah", "no thanks", "no thank you", "not now", "not really",
                        "not today", "i don't think so"),
    "AMAZON.RepeatIntent": ("repeat", "repeat that", "repeat please", "say that again", "say again",
                            "can you repeat that", "what did you say", "pardon", "come again"),
    "AMAZON.StartOverIntent": ("start over", "start again", "restart", "begin again", "start from the beginning",
                               "from the beginning", "let's start over", "reset"),
    "AMAZON.NavigateHomeIntent": ("go home", "home", "take me home", "go to the home screen"),
    "AMAZON.PauseIntent": ("pause", "hold on"),
    "AMAZON.ResumeIntent": ("resume", "continue"),
}

_CONTRACTIONS = {
    "i'm": "i am", "im": "i am", "i'd": "i would", "i've": "i have", "i'll": "i will",
    "you're": "you are", "you'd": "you would", "you've": "you have", "you'll": "you will",
    "it's": "it is", "that's": "that is", "what's": "what is", "there's": "there is", "here's": "here is",
    "who's": "who is", "how's": "how is", "let's": "let us", "he's": "he is", "she's": "she is",
    "we're": "we are", "they're": "they are", "we'd": "we would", "we'll": "we will",
    "don't": "do not", "dont": "do not", "doesn't": "does not", "didn't": "did not",
    "can't": "can not", "cant": "can not", "cannot": "can not", "won't": "will not", "wouldn't": "would not",
    "isn't": "is not", "aren't": "are not", "wasn't": "was not", "haven't": "have not",
    "shouldn't": "should not", "couldn't": "could not", "gonna": "going to", "wanna": "want to",
}
_NON_WORD = re.compile(r"[^\w'{}\s]+")


def normalise(text: str) -> str:
    """Lower case, no punctuation, contractions spelt out: how both sides are compared."""
    text = text.lower().replace("\u2019", "'")
    text = _NON_WORD.sub(" ", text)
    words = []
    for word in text.split():
        word = word.strip("'") if not word.endswith("'s") else word
        words.append(_CONTRACTIONS.get(word, word))
    return " ".join(w for w in words if w)


@dataclass(frozen=True)
class SlotValue:
    """A slot as heard, and where entity resolution placed it."""

    name: str
    value: str | None
    type: str
    canonical: str | None = None
    id: str | None = None

    @property
    def resolved(self) -> bool:
        return self.canonical is not None


@dataclass(frozen=True)
class Resolution:
    """What the typed words became: a launch, an intent with slots, or nothing for this skill."""

    kind: str  # "launch", "intent", or "none" (not addressed to an open skill)
    intent: str | None = None
    slots: dict[str, SlotValue] = field(default_factory=dict)
    sample: str | None = None  # the sample utterance (or built-in phrase) that matched
    one_shot: bool = False
    utterance: str = ""

    def slot_value(self, name: str) -> str | None:
        slot = self.slots.get(name)
        return slot.value if slot else None

    def describe(self) -> str:
        if self.kind == "launch":
            return "LaunchRequest"
        if self.kind != "intent":
            return "(nothing)"
        filled = ", ".join(f"{s.name}={s.value!r}" + (f"->{s.canonical}" if s.canonical else " (no match)")
                           for s in self.slots.values() if s.value)
        return f"{self.intent}({filled})" if filled else str(self.intent)


@dataclass(frozen=True)
class _Pattern:
    intent: str
    sample: str
    regex: re.Pattern
    literal_words: int
    slot_names: tuple[str, ...]
    from_model: bool


class InteractionModel:
    """One locale's interaction model, ready to resolve utterances against."""

    def __init__(self, model: dict, locale: str = "en-US"):
        language_model = model.get("interactionModel", model).get("languageModel", model)
        self.locale = locale
        self.invocation_name = normalise(language_model["invocationName"])
        self.intents = {i["name"]: i for i in language_model.get("intents", [])}
        self.slot_types = {i["name"]: {s["name"]: s["type"] for s in i.get("slots") or []} for i in self.intents.values()}
        self._values = self._index_values(language_model.get("types", []))
        self._patterns = self._compile()

    @classmethod
    def for_locale(cls, locale: str = "en-US") -> "InteractionModel":
        return _model_for(locale)

    # --- building ----------------------------------------------------------------------

    @staticmethod
    def _index_values(types: list[dict]) -> dict[str, dict[str, tuple[str, str]]]:
        index: dict[str, dict[str, tuple[str, str]]] = {}
        for slot_type in types:
            by_words = index.setdefault(slot_type["name"], {})
            for entry in slot_type.get("values", []):
                canonical = entry["name"]["value"]
                ident = entry.get("id") or canonical
                for said in (canonical, *entry["name"].get("synonyms", [])):
                    by_words.setdefault(normalise(said), (canonical, ident))
        return index

    def _compile(self) -> list[_Pattern]:
        patterns = []
        for name, intent in self.intents.items():
            samples = [(s, True) for s in intent.get("samples") or []]
            samples += [(s, False) for s in BUILT_IN_PHRASES.get(name, ())]
            for sample, from_model in samples:
                patterns.append(self._pattern(name, sample, from_model))
        return patterns

    def _pattern(self, intent: str, sample: str, from_model: bool) -> _Pattern:
        parts, literal_words, slot_names = [], 0, []
        for token in normalise(sample).split():
            slot = re.fullmatch(r"\{(\w+)\}", token)
            if slot:
                slot_names.append(slot.group(1))
                parts.append(f"(?P<{slot.group(1)}>.+?)")
            else:
                literal_words += 1
                parts.append(re.escape(token))
        return _Pattern(intent, sample, re.compile(r"\s".join(parts)), literal_words, tuple(slot_names), from_model)

    # --- resolving ---------------------------------------------------------------------

    def resolve_slot(self, intent: str, slot_name: str, words: str) -> SlotValue:
        slot_type = self.slot_types.get(intent, {}).get(slot_name, "")
        match = self._values.get(slot_type, {}).get(normalise(words))
        if match:
            return SlotValue(slot_name, words, slot_type, match[0], match[1])
        return SlotValue(slot_name, words, slot_type)

    def _holds_listed_value(self, slot: SlotValue) -> bool:
        padded = f" {normalise(slot.value or '')} "
        return any(f" {listed} " in padded for listed in self._values.get(slot.type, {}))

    def match_intent(self, utterance: str) -> Resolution:
        """The intent (and slots) for words said inside the skill."""
        found = self._best_match(normalise(utterance))
        if found is None:
            if FALLBACK in self.intents:
                return Resolution("intent", FALLBACK, self._empty_slots(FALLBACK), utterance=utterance)
            return Resolution("none", utterance=utterance)
        return self._resolution(found, utterance)

    def _resolution(self, found, utterance: str, one_shot: bool = False) -> Resolution:
        pattern, slots = found
        all_slots = self._empty_slots(pattern.intent)
        all_slots.update(slots)
        return Resolution("intent", pattern.intent, all_slots, sample=pattern.sample, one_shot=one_shot,
                          utterance=utterance)

    def _empty_slots(self, intent: str) -> dict[str, SlotValue]:
        return {name: SlotValue(name, None, slot_type) for name, slot_type in self.slot_types.get(intent, {}).items()}

    def _best_match(self, words: str):
        """The best (pattern, slots) for `words`, as said and with edge fillers let go; None if nothing fits."""
        candidates = [(words, True)]
        trimmed = _trim_fillers(words)
        if trimmed and trimmed != words:
            candidates.append((trimmed, False))
        best, best_score = None, None
        for candidate, as_said in candidates:
            for pattern in self._patterns:
                match = pattern.regex.fullmatch(candidate)
                if not match:
                    continue
                slots = {name: self.resolve_slot(pattern.intent, name, match.group(name)) for name in pattern.slot_names}
                resolved = sum(s.resolved for s in slots.values())
                unresolved = len(slots) - resolved
                if pattern.literal_words == 0 and not all(
                        s.resolved or self._holds_listed_value(s) for s in slots.values()):
                    continue
                score = (pattern.literal_words - unresolved, resolved, pattern.literal_words, as_said,
                         pattern.from_model)
                if best_score is None or score > best_score:
                    best, best_score = (pattern, slots), score
        return best

    def resolve(self, utterance: str, in_session: bool) -> Resolution:
        """What `utterance` becomes: with the invocation name it opens the skill; inside a session it is an intent."""
        words = normalise(re.sub(r"^\s*alexa\b[,\s]*", "", utterance, flags=re.IGNORECASE))
        name = re.escape(self.invocation_name)
        launch = "|".join(re.escape(w) for w in LAUNCH_WORDS)
        if re.fullmatch(rf"(?:{launch}|ask|tell)\s(?:the\s)?{name}(?:\splease)?", words):
            return Resolution("launch", utterance=utterance)
        one_shot = re.fullmatch(rf"(?:{'|'.join(ONE_SHOT_WORDS)}|{launch})\s{name}\s(?P<rest>.+)", words)
        if one_shot:
            return self._one_shot(one_shot.group("rest"), utterance)
        if in_session:
            return self.match_intent(utterance)
        return Resolution("none", utterance=utterance)

    def _one_shot(self, rest: str, utterance: str) -> Resolution:
        """ "ask <name> to start": try the words as said, and without the connecting word."""
        candidates = [rest]
        first, _, remainder = rest.partition(" ")
        if first in CONNECTING_WORDS and remainder:
            candidates.insert(0, remainder)
        best = None
        for candidate in candidates:
            found = self._best_match(candidate)
            if found and (best is None or found[0].literal_words > best[0].literal_words):
                best = found
        if best is None:
            fallback = self.match_intent(rest)
            return Resolution(fallback.kind, fallback.intent, fallback.slots, one_shot=True, utterance=utterance)
        return self._resolution(best, utterance, one_shot=True)


def _trim_fillers(words: str) -> str:
    tokens = words.split()
    changed = True
    while tokens and changed:
        changed = False
        for size in (3, 2, 1):
            if len(tokens) > size and " ".join(tokens[:size]) in EDGE_FILLERS:
                tokens, changed = tokens[size:], True
                break
            if len(tokens) > size and " ".join(tokens[-size:]) in EDGE_FILLERS:
                tokens, changed = tokens[:-size], True
                break
    return " ".join(tokens)


def model_path(locale: str) -> Path:
    return MODELS_DIR / f"{locale}.json"


def available_locales() -> list[str]:
    return sorted(p.stem for p in MODELS_DIR.glob("*.json") if re.fullmatch(r"[a-z]{2}-[A-Z]{2}", p.stem))


@lru_cache(maxsize=None)
def _model_for(locale: str) -> InteractionModel:
    path = model_path(locale)
    if not path.exists():
        raise FileNotFoundError(f"no interaction model for {locale} (looked for {path}); "
                                f"have: {', '.join(available_locales()) or 'none'}")
    return InteractionModel(json.loads(path.read_text(encoding="utf-8")), locale)
