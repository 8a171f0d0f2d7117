"""How many ways people really say things does the interaction model understand?

The list (tests/simulator_utterances.yaml) is written as people speak, not from the samples;
each entry is what someone types, the intent meant, and optionally the slot words and the
canonical value they should resolve to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .resolver import InteractionModel, Resolution


@dataclass
class Score:
    total: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0


def is_right(resolution: Resolution, expected: dict) -> bool:
    if resolution.intent != expected["intent"]:
        return False
    for name, words in (expected.get("slots") or {}).items():
        slot = resolution.slots.get(name)
        if slot is None or (slot.value or "").casefold() != str(words).casefold():
            return False
        if "resolved" in expected and slot.canonical != expected["resolved"]:
            return False
    return True


def score(path: str | Path, locale: str = "en-US") -> Score:
    model = InteractionModel.for_locale(locale)
    result = Score()
    for expected in yaml.safe_load(Path(path).read_text(encoding="utf-8"))["utterances"]:
        resolution = model.resolve(expected["say"], in_session=True)
        result.total += 1
        if is_right(resolution, expected):
            result.right += 1
        else:
            wanted = expected["intent"] + (f" {expected['slots']}" if expected.get("slots") else "")
            result.misses.append(f"{expected['say']!r} -> {resolution.describe()} (meant {wanted})")
    return result
