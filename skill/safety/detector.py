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
    (r"\bwanna\b", "want to"), (r"\bgonna\b", "going to"), (r"\bgotta\b", "got to"),
    (r"\bany more\b", "anymore"), (r"\bmy own self\b", "myself"), (r"\bme self\b", "myself"),
    (r"\b(like|just|really|so|kind of|sort of|honestly|literally|actually|um|uh)\b", " "),
)


def normalise(text: str) -> str:
    """Lower case, contractions written out, punctuation and filler words gone."""
    words = str(text).lower().replace("’", "'").replace("`", "'")
    words = re.sub(r"[^a-z0-9' ]+", " ", words)
    for pattern, replacement in _CONTRACTIONS:
        words = re.sub(pattern, replacement, words)
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


@lru_cache(maxsize=None)
def _compiled():
    data = crisis_data()
    families = []
    for kind in (EXPLICIT, VAGUE):
        for family, patterns in data[kind].items():
            families.append((kind, family, [re.compile(p) for p in patterns]))
    removals = [re.compile(p) for p in data["guards"] + data["negations"]]
    heavy = [re.compile(p) for p in data["heavy"]["words"]]
    return families, removals, heavy, frozenset(data["heavy"]["ids"])


def _without_idioms(words: str) -> str:
    _, removals, _, _ = _compiled()
    for pattern in removals:
        words = pattern.sub(" | ", words)
    return words


def assess(text: str | None) -> Assessment:
    """Crisis language in `text`? Explicit phrases win over vague ones."""
    if not text or not str(text).strip():
        return Assessment(None)
    words = _without_idioms(normalise(text))
    families, _, _, _ = _compiled()
    for kind, family, patterns in families:
        if any(p.search(words) for p in patterns):
            return Assessment(kind, family)
    return Assessment(None)


def is_crisis(text: str | None) -> bool:
    return assess(text).is_crisis


def is_heavy(text: str | None, slot_id: str | None = None) -> bool:
    """A heavy but ordinary feeling (hopeless, worthless, empty, numb, exhausted, ...)."""
    _, _, heavy, heavy_ids = _compiled()
    if slot_id and slot_id.upper() in heavy_ids:
        return True
    words = normalise(text or "")
    return any(p.search(words) for p in heavy)
