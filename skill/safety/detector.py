"""Does what someone said sound like they might harm themselves?

Three answers: a crisis said outright ("explicit"), a crisis said indirectly ("vague"),
or not a crisis. Heavy-but-ordinary feelings (hopeless, numb, exhausted) are a separate
question (`is_heavy`): they are not crises, and the practice goes on with them.

How: normalise the words (case, punctuation, contractions), take out everyday idioms
("dying to see her", "this is killing me") and statements that deny the crisis words
("I'm not suicidal"), then look for the phrases in crisis_language.yaml. When in doubt
the phrase lists lean towards asking: a false alarm costs a kind word and a phone number;
a miss can cost far more.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .data import crisis_data

EXPLICIT, VAGUE = "explicit", "vague"

# Spoken contractions and fillers, written out so one phrase covers every way of saying it.
_CONTRACTIONS = (
    (r"\bcan'?t\b", "can not"), (r"\bcannot\b", "can not"), (r"\bwon'?t\b", "will not"),
    (r"\bain'?t\b", "am not"), (r"\b(\w+)n't\b", r"\1 not"),
    (r"\b(do|does|did|is|are|was|were|would|could|should|have|has|had|must)nt\b", r"\1 not"),
    (r"\bi'?m\b", "i am"), (r"\bim\b", "i am"), (r"\b(\w+)'re\b", r"\1 are"),
    (r"\b(\w+)'ve\b", r"\1 have"), (r"\b(\w+)'ll\b", r"\1 will"), (r"\b(\w+)'d\b", r"\1 would"),
    (r"\b(it|that|there|what|he|she)'?s\b", r"\1 is"),
    (r"\b(life|everything|nothing|nobody|everyone|everybody|who|where|here)'s\b", r"\1 is"),
    (r"\bwanna\b", "want to"), (r"\bgonna\b", "going to"), (r"\bgotta\b", "got to"),
    (r"\bany more\b", "anymore"), (r"\bmy own self\b", "myself"), (r"\bme self\b", "myself"),
    (r"\b(like|just|really|so|kind of|sort of|honestly|literally|actually|um|uh)\b", " "),
)


def any_of(patterns) -> re.Pattern:
    """One regex that finds a match exactly where at least one of `patterns` would.

    A quick first question for lists of substitutions: most of what people say matches none of
    them, and one search is far cheaper than one substitution per pattern. When one does match,
    the caller walks the list in order as before.
    """
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


@lru_cache(maxsize=None)
def _contractions() -> tuple[re.Pattern, list]:
    """(any contraction at all, [(pattern, replacement), ...] in order), compiled on first use."""
    return (any_of(pattern for pattern, _ in _CONTRACTIONS),
            [(re.compile(pattern), replacement) for pattern, replacement in _CONTRACTIONS])


def normalise(text: str) -> str:
    """Lower case, contractions written out, punctuation and filler words gone."""
    words = str(text).lower().replace("’", "'").replace("`", "'")
    words = re.sub(r"[^a-z0-9' ]+", " ", words)
    any_contraction, contractions = _contractions()
    if any_contraction.search(words):  # nothing to write out in most answers ("anxious", "my mother")
        for pattern, replacement in contractions:
            words = pattern.sub(replacement, words)
    words = words.replace("'", " ")
    return " ".join(words.split())


@dataclass(frozen=True)
class Assessment:
    """What the detector found: the kind of crisis language (or None) and which family of phrases."""

    kind: str | None
    family: str | None = None

    @property
    def is_crisis(self) -> bool:
        return self.kind is not None


@dataclass(frozen=True)
class _Compiled:
    """crisis_language.yaml's phrases, compiled once."""

    families: list            # (kind, family, [pattern, ...]) in the data file's order, explicit first
    removals: list            # guards, then negations, in the data file's order
    any_removal: re.Pattern
    heavy: re.Pattern         # any heavy-feeling word
    heavy_ids: frozenset


@lru_cache(maxsize=None)
def _compiled() -> _Compiled:
    data = crisis_data()
    families = [(kind, family, [re.compile(p) for p in patterns])
                for kind in (EXPLICIT, VAGUE) for family, patterns in data[kind].items()]
    removals = data["guards"] + data["negations"]
    return _Compiled(
        families=families,
        removals=[re.compile(p) for p in removals],
        any_removal=any_of(removals),
        heavy=any_of(data["heavy"]["words"]),
        heavy_ids=frozenset(data["heavy"]["ids"]))


def _without_idioms(words: str) -> str:
    compiled = _compiled()
    if compiled.any_removal.search(words):  # idioms are rare: skip the walk when there is none
        for pattern in compiled.removals:  # one by one, in order: a removal can change what the next finds
            words = pattern.sub(" | ", words)
    return words


# The same answers come back often ("anxious", "my mother"); an Assessment is small and immutable.
@lru_cache(maxsize=1024)
def assess(text: str | None) -> Assessment:
    """Crisis language in `text`? Explicit phrases win over vague ones."""
    if not text or not str(text).strip():
        return Assessment(None)
    words = _without_idioms(normalise(text))
    # One pattern at a time: each has a literal start that re finds fast, which one alternation
    # of all of them loses (measured: slower than this loop).
    for kind, family, patterns in _compiled().families:
        if any(p.search(words) for p in patterns):
            return Assessment(kind, family)
    return Assessment(None)


def is_crisis(text: str | None) -> bool:
    return assess(text).is_crisis


def is_heavy(text: str | None, slot_id: str | None = None) -> bool:
    """A heavy but ordinary feeling (hopeless, worthless, empty, numb, exhausted, ...)."""
    compiled = _compiled()
    if slot_id and slot_id.upper() in compiled.heavy_ids:
        return True
    return compiled.heavy.search(normalise(text or "")) is not None
