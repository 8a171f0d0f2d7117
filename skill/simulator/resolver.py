"""From typed words to the Alexa request they would become, using the interaction model.

Alexa's language understanding is statistical; this resolver is a deterministic stand-in
that behaves the same way for the cases that matter when testing a skill:

* "open / launch / start / begin / talk to <invocation name>" is a LaunchRequest;
  "ask <invocation name> to <utterance>" and "tell <invocation name> <utterance>" are one-shot
  IntentRequests (https://developer.amazon.com/en-US/docs/alexa/custom-skills/understanding-how-users-invoke-custom-skills.html).
* A sample utterance matches when the words match with each {slot} standing for one or more words.
  When several samples match, the one with the most literal words wins (less one for each slot
  whose words resolve to no value), then the one with more slot values that resolve to a listed value.
* Custom slots are open, as Alexa's are: words in a slot's position that match no value are passed
  as heard, with ER_SUCCESS_NO_MATCH (https://developer.amazon.com/en-US/docs/alexa/custom-skills/create-and-edit-custom-slot-types.html).
  That holds where the sample is nothing but the slot ("{presence}") too, weighed so that it only
  wins when nothing better fits, in this order:
    1. words that are a listed value ("grandma") are the strongest a bare slot gets;
    2. words that hold a listed value ("worried about my mum" holds "worried" and "my mum"):
       the value that starts earliest wins, as the head of an English phrase comes first;
       A listed value that leads the words ("the lake up at the cottage") keeps them in the slot
       when the other intents' words after it are only small words of place ("up"); one further
       in ("say the compassion bit"), or followed by "helpline number", does not.
    3. other words are heard as they are ("my piano tuner", "squiffy") when they could be a value:
       one word, or words led by "my" / "our", or words sharing a word with the slot's values;
       never a question ("what's the weather") and never with a word only other intents' samples
       use in short commands ("bell", "phrase", "rest", "go"): those words clearly belong to another intent, and the
       utterance goes to that intent's samples or to the Fallback, not into a slot. Between two
       open bare slots, the slot type whose values share more of the words wins ("my piano tuner"
       shares "my" and "piano" with the presences), then the intent declared first.
  `explain()` (compassion-sim --explain "words") shows every candidate, its score and the reason.
* Custom slot values are resolved against the slot type's values and synonyms (entity resolution):
  ER_SUCCESS_MATCH with the canonical value and id, or ER_SUCCESS_NO_MATCH, the words still
  passed through (https://developer.amazon.com/en-US/docs/alexa/custom-skills/entity-resolution.html).
* The AMAZON built-in intents the model declares also answer to their usual phrases (BUILT_IN_PHRASES),
  as Alexa's own training for them does: the common utterances Amazon documents for each, and the
  same words with the small variations people add ("stop please", "no thank you").
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
# Each list starts with the "Common Utterances" Amazon's table gives for the intent, in
# "Standard Built-in Intents", https://developer.amazon.com/en-US/docs/alexa/custom-skills/standard-built-in-intents.html
# (English), then the same request in the small variations people say it with. Amazon calls its
# table "a subset of the utterances users can say"; anything a person says beyond these belongs
# in the model's own samples for the intent, which the same page allows ("you can [provide sample
# utterances] if you want to extend the intent").
BUILT_IN_PHRASES: dict[str, tuple[str, ...]] = {
    # documented: "help", "help me", "can you help me"
    "AMAZON.HelpIntent": ("help", "help me", "can you help me", "i need help", "help please",
                          "please help me", "can you help", "what can i say", "what are my options"),
    # documented: "stop", "off", "shut up"; "About canceling and stopping" on the same page
    # adds that people stop a skill by saying they want to exit or are done.
    "AMAZON.StopIntent": ("stop", "off", "shut up", "stop it", "stop please", "please stop", "stop now",
                          "enough", "that's enough", "i'm done", "i am done", "goodbye", "bye", "bye bye",
                          "end", "exit", "quit"),
    # documented: "cancel", "never mind", "forget it"
    "AMAZON.CancelIntent": ("cancel", "never mind", "forget it", "cancel that", "cancel it", "cancel please",
                            "nevermind", "oh never mind", "just forget it"),
    # documented: "yes", "yes please", "sure"
    "AMAZON.YesIntent": ("yes", "yes please", "sure", "yeah", "yep", "yup", "yes yes", "sure thing",
                         "of course", "okay", "ok", "please do", "absolutely", "definitely", "why not",
                         "go for it", "sounds good"),
    # documented: "no", "no thanks"
    "AMAZON.NoIntent": ("no", "no thanks", "no thank you", "nope", "nah", "no no", "no way", "not really",
                        "no please", "i don't think so"),
    # documented: "repeat", "say that again"
    "AMAZON.RepeatIntent": ("repeat", "say that again", "repeat that", "repeat please", "please repeat",
                            "repeat it", "say again", "can you repeat that", "could you repeat that",
                            "can you say that again", "could you say that again", "what did you say",
                            "pardon", "pardon me", "come again"),
    # documented: "start over", "restart", "start again"
    "AMAZON.StartOverIntent": ("start over", "restart", "start again", "start over please",
                               "start again please", "restart please", "begin again", "let's start over",
                               "let's start again", "start from the beginning", "from the beginning", "reset"),
    # documented: none listed for English (the intent is for devices with a screen): "go home"
    "AMAZON.NavigateHomeIntent": ("go home", "home", "take me home", "go to the home screen"),
    # documented: "pause", "pause that"
    "AMAZON.PauseIntent": ("pause", "pause that", "hold on"),
    # documented: "resume", "continue"
    "AMAZON.ResumeIntent": ("resume", "continue"),
}

# A sample of at most this many literal words is a short command whose words belong to its intent.
OWNING_SAMPLE_WORDS = 4
# Words every intent's samples share: they say nothing about which intent is meant.
FUNCTION_WORDS = frozenset({
    "i", "me", "my", "mine", "myself", "you", "your", "we", "us", "our", "it", "its", "this", "that", "these",
    "he", "she", "they", "him", "her", "them", "his", "hers", "their", "since", "after", "before", "because",
    "those", "the", "a", "an", "some", "any", "of", "to", "for", "with", "without", "in", "on", "at", "by",
    "from", "about", "and", "or", "but", "so", "is", "am", "are", "was", "were", "be", "been", "being", "do",
    "does", "did", "not", "no", "have", "has", "had", "will", "would", "can", "could", "shall", "should",
    "just", "really", "very", "quite", "bit", "little", "please", "let", "us", "what", "who", "how", "there",
    "here", "now", "again", "one", "more", "all", "too", "like", "feel", "feeling",
    # times of day and week: every intent's samples may carry them
    "today", "tonight", "tomorrow", "yesterday", "lately", "recently", "later", "morning", "evening", "night",
    "day", "week", "moment", "time",
})

# Small words of place that may follow a value ("the lake up at the cottage") though other intents use them.
LINKING_WORDS = frozenset({"up", "down", "out", "over", "back", "off", "away", "around", "near", "there"})
# Hesitations Alexa's speech recognition does not pass on as words.
HESITATIONS = frozenset({"um", "umm", "uhm", "erm", "er"})
# Words that start a question, not a feeling or a presence ("what is the weather").
QUESTION_WORDS = frozenset({"what", "how", "why", "when", "where", "which", "who", "whose", "can", "could",
                            "would", "will", "should", "is", "are", "do", "does", "did"})
# Words that start someone or something of one's own: "my piano tuner", "our old house".
POSSESSIVES = frozenset({"my", "our", "me"})

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
class Candidate:
    """One sample that fits the words: with which slots, how strongly, and why."""

    pattern: "_Pattern"
    slots: dict[str, SlotValue]
    score: tuple
    why: str

    def describe(self) -> str:
        return Resolution("intent", self.pattern.intent, self.slots).describe()


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
        self._vocabulary = {name: {w for said in by_words for w in said.split()} for name, by_words in self._values.items()}
        self._word_share = {name: _word_share(by_words) for name, by_words in self._values.items()}
        self._patterns = self._compile()
        self._owned_elsewhere = self._words_owned_elsewhere()

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

    def _words_owned_elsewhere(self) -> dict[str, set[str]]:
        """Per intent with a slot: the words only other intents' samples use (and no slot type lists)."""
        literal_words: dict[str, set[str]] = {}
        for pattern in self._patterns:
            words = {w for w in normalise(pattern.sample).split() if not w.startswith("{")}
            # Short commands say what an intent is about ("play the bell"); long sentences
            # ("the pain is going down my left arm") use words any intent may hear.
            literal_words.setdefault(pattern.intent, set())
            if len(words) <= OWNING_SAMPLE_WORDS:
                literal_words[pattern.intent].update(words)
        owned = {}
        for pattern in self._patterns:
            if pattern.literal_words or pattern.intent in owned:
                continue
            slot_types = self.slot_types.get(pattern.intent, {}).values()
            own = literal_words.get(pattern.intent, set()).union(*(self._vocabulary.get(t, set()) for t in slot_types))
            others = set().union(*(w for name, w in literal_words.items() if name != pattern.intent))
            # A word some slot type lists ("mum") names something: it belongs to no intent.
            slot_words = set().union(*self._vocabulary.values())
            owned[pattern.intent] = others - own - FUNCTION_WORDS - slot_words
        return owned

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

    def words_for(self, slot_type: str, ident: str | None) -> list[str]:
        """Every way the model lists a value (its name and synonyms), normalised."""
        return [said for said, (_, i) in self._values.get(slot_type, {}).items() if i == ident]

    def resolve_slot(self, intent: str, slot_name: str, words: str) -> SlotValue:
        slot_type = self.slot_types.get(intent, {}).get(slot_name, "")
        match = self._values.get(slot_type, {}).get(normalise(words))
        if match:
            return SlotValue(slot_name, words, slot_type, match[0], match[1])
        return SlotValue(slot_name, words, slot_type)

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
        found = self.candidates(words)
        return (found[0].pattern, found[0].slots) if found else None

    def candidates(self, words: str) -> list["Candidate"]:
        """Every sample that fits `words` (already normalised), best first, each with its score and why."""
        # Speech recognition leaves out hesitations ("um", "erm"): so does this, wherever they are.
        words = " ".join(w for w in words.split() if w not in HESITATIONS) or words
        tried = [(words, True)]
        trimmed = _trim_fillers(words)
        if trimmed and trimmed != words:
            tried.append((trimmed, False))
        found = []
        for order, (candidate, as_said) in enumerate(tried):
            for index, pattern in enumerate(self._patterns):
                match = pattern.regex.fullmatch(candidate)
                if match:
                    scored = self._score(pattern, match, as_said, candidate)
                    if scored:
                        found.append((scored, order, index))
        # max() keeps the first of equals: the words as said before trimmed, then model order.
        found.sort(key=lambda f: (f[0].score, -f[1], -f[2]), reverse=True)
        return [f[0] for f in found]

    def _score(self, pattern: _Pattern, match: re.Match, as_said: bool, words: str) -> "Candidate | None":
        slots = {name: self.resolve_slot(pattern.intent, name, match.group(name)) for name in pattern.slot_names}
        resolved = sum(s.resolved for s in slots.values())
        unresolved = len(slots) - resolved
        held, first_value_at, shared = 0, 0, 0.0
        heard = [w for slot in slots.values() if not slot.resolved for w in normalise(slot.value or "").split()]
        elsewhere = sorted(set(heard) & self._owned_elsewhere.get(pattern.intent, set()))
        led_by_a_value = not pattern.literal_words and all(
            s.resolved or self._first_listed_value_at(s) == 0 for s in slots.values())
        if elsewhere and not (led_by_a_value and set(elsewhere) <= LINKING_WORDS):
            return None  # "play the bell" is no presence: those words belong to other intents' samples
        if pattern.literal_words:
            why = (f"{pattern.literal_words} literal word(s)" + (f", {resolved} slot(s) resolved" if resolved else "")
                   + (f", {unresolved} slot(s) heard as said (no match)" if unresolved else ""))
        elif unresolved == 0:
            why = "the words are a listed value"
        else:
            at = [self._first_listed_value_at(s) for s in slots.values() if not s.resolved]
            if all(a is not None for a in at):
                held, first_value_at = 1, max(at)
                why = f"a bare slot holding a listed value (from word {first_value_at + 1})"
            else:
                types = [s.type for s in slots.values()]
                if not self._could_be_a_value(words.split(), types):
                    return None  # "what's the weather", "order a pizza": nothing like this slot's values
                shared = round(sum(self._share(w, t) for w in words.split() for t in types), 3)
                why = f"a bare slot heard as said (no match); its values share these words by {shared:g}"
        score = (pattern.literal_words - unresolved, resolved, held, -first_value_at, shared, pattern.literal_words,
                 as_said, pattern.from_model)
        return Candidate(pattern, slots, score, why + ("" if as_said else ", fillers let go"))

    def _could_be_a_value(self, words: list[str], types: list[str]) -> bool:
        """Unlisted words a bare slot may take: one word, or words led by "my"/"our", or words that
        share a word (not a function word) with the slot's values. Never a question, never only
        function words ("not")."""
        if words[0] in QUESTION_WORDS:
            return False
        if all(w in FUNCTION_WORDS for w in words):
            return False  # "not", "so": nothing there to name
        if len(words) == 1 or words[0] in POSSESSIVES:
            return True
        return any(w not in FUNCTION_WORDS and any(w in self._vocabulary.get(t, ()) for t in types) for w in words)

    def _share(self, word: str, slot_type: str) -> float:
        """How typical a word is of a slot type's values: the share of its values that use it."""
        values = self._word_share.get(slot_type, {})
        return values.get(word, 0.0)

    def _first_listed_value_at(self, slot: SlotValue) -> int | None:
        """Where (as a word index) the earliest listed value inside the slot's words starts, if any."""
        words = normalise(slot.value or "").split()
        for start in range(len(words)):
            for end in range(len(words), start, -1):
                if " ".join(words[start:end]) in self._values.get(slot.type, {}):
                    return start
        return None

    def explain(self, utterance: str) -> list["Candidate"]:
        """The candidates for words said inside the skill, best first (empty: the Fallback)."""
        return self.candidates(normalise(utterance))

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
            return self.match_intent(words)  # "Alexa, stop" inside a session is "stop"
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


def _word_share(by_words: dict[str, tuple[str, str]]) -> dict[str, float]:
    """For each word in a slot type's values and synonyms: the share of its values (ids) using it."""
    ids_by_word: dict[str, set[str]] = {}
    for said, (_, ident) in by_words.items():
        for word in said.split():
            ids_by_word.setdefault(word, set()).add(ident)
    count = len({ident for _, ident in by_words.values()}) or 1
    return {word: len(ids) / count for word, ids in ids_by_word.items()}


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


# What each part of a candidate's score stands for, in the order they are compared.
SCORE_PARTS = ("literal words, less one per slot heard as said", "slots that resolved to a listed value",
               "a bare slot holding a listed value", "the held value starting earlier",
               "how much the slot type's values share these words", "literal words",
               "the words as said (no fillers let go)", "a sample of the model (over a built-in phrase)")


def explanation(model: InteractionModel, utterance: str) -> str:
    """`compassion-sim --explain`: every candidate for the words, its score, and why the first won."""
    found = model.explain(utterance)
    lines = [f"{utterance!r} [{model.locale}], heard as {normalise(utterance)!r}"]
    if not found:
        outcome = FALLBACK if FALLBACK in model.intents else "nothing (the model has no FallbackIntent)"
        lines.append(f"  no sample fits: {outcome}")
        return "\n".join(lines)
    for rank, candidate in enumerate(found[:8], start=1):
        shown = tuple(round(p, 2) if isinstance(p, float) else p for p in candidate.score)
        lines.append(f"  {rank}. {candidate.describe()}")
        lines.append(f"       sample {candidate.pattern.sample!r}  score {shown}: {candidate.why}")
    if len(found) > 8:
        lines.append(f"  ... and {len(found) - 8} more")
    winner = found[0]
    rival = next((c for c in found[1:] if c.pattern.intent != winner.pattern.intent), None)
    if rival is None:
        lines.append(f"won: {winner.pattern.intent}, the only intent whose samples fit")
        return "\n".join(lines)
    part = next((i for i, (a, b) in enumerate(zip(winner.score, rival.score)) if a != b), None)
    if part is None:
        reason = "the scores are equal; the intent declared first in the model wins"
    else:
        reason = f"more {SCORE_PARTS[part]} ({winner.score[part]:g} against {rival.score[part]:g})"
    lines.append(f"won: {winner.pattern.intent} over {rival.pattern.intent}: {reason}")
    return "\n".join(lines)
