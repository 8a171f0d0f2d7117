"""A second reader for danger: a small linear model over words, for what the phrases miss.

Why: seven blind rounds showed that phrase lists reach 100% on the sentences they were built
from and 59-88% on the next writer's. A linear model over the same normalised words (and the
concepts the phrase file names: a person, the means, a high place, a weapon) generalises from
those rounds to word orders and words the phrases never held. It is asked only when no phrase
matched, so every phrase, guard and denial keeps its meaning; and it speaks only when it is
confident (the model file's `thresholds`, chosen by the trainer).

The weights are data, written by `scripts/train_danger_model.py` from the labelled rounds in
tests/data (`make danger-model`), with the digest of what they were trained on; the test suite
checks that the file is up to date. Inference is a dictionary walk: no dependency to import.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parent / "danger_model.json"
SAFE = "safe"

# The concepts of danger_language.yaml's `words` that stand for a kind of thing, so that a member
# the rounds never used ("a cord", "the quarry") counts as the concept it belongs to.
CONCEPTS = ("person", "pills", "lots", "means", "poisons", "high_place", "into_means", "weapon",
            "household_poison", "hurt_verbs", "intimate", "panic_words", "anybody")
_WORD = re.compile(r"[a-z0-9]+")
_SPEAKER = re.compile(r"\b(i|me|my|myself)\b")


@lru_cache(maxsize=None)
def _concepts() -> tuple:
    from .data import danger_data
    from .detector import _expand

    words = danger_data()["words"]
    return tuple((name, re.compile(rf"\b{_expand(words[name], words)}\b")) for name in CONCEPTS if name in words)


def _stem(word: str) -> str:
    """A word's rough root, so "threatens", "threatened" and "threatening" count as one."""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[:-len(ending)]
    return word


def features(words: str) -> list[str]:
    """The features of normalised, idiom-free words: roots, pairs of roots, concepts, who speaks."""
    tokens = [_stem(word) for word in _WORD.findall(words)]
    found = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
    for name, pattern in _concepts():
        for match in pattern.finditer(words):
            found.append(f"@{name}")
            # The concept with its neighbours: "took @pills", "@high_place and".
            before = words[:match.start()].split()[-1:]
            after = words[match.end():].split()[:1]
            found.extend([f"{w} @{name}" for w in before] + [f"@{name} {w}" for w in after])
    found.append("@speaker" if _SPEAKER.search(words) else "@no_speaker")
    if "|" in words:  # the detector took out an idiom or a denial: what is left is rarely danger
        found.append("@taken_out")
    return found


@lru_cache(maxsize=None)
def _model() -> dict:
    return json.loads(MODEL_FILE.read_text(encoding="utf-8"))


def probabilities(words: str, model: dict | None = None) -> dict[str, float]:
    """{kind or "safe": probability} for normalised, idiom-free words, by the shipped model or `model`."""
    model = model or _model()
    classes, weights = model["classes"], model["weights"]
    scores = list(model["bias"])
    for feature in features(words):
        row = weights.get(feature)
        if row:
            for i, weight in enumerate(row):
                scores[i] += weight
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return {name: e / total for name, e in zip(classes, exps)}


def is_attempt_now(words: str) -> bool:
    """Is the model sure enough that these words tell of an attempt now to outrank a suicidal phrase?

    A phrase can name the act ("saying my goodbyes") while the urgency is in words no phrase holds
    ("the cord's tied to the banister"); a life in danger now comes first.
    """
    return probabilities(words)["immediate"] >= _model()["attempt_now"]


def likely_kind(words: str) -> str | None:
    """The kind of danger the model is confident of, or None."""
    chances = probabilities(words)
    kind = max(chances, key=chances.get)
    if kind != SAFE and chances[kind] >= _model()["thresholds"][kind]:
        return kind
    return None
