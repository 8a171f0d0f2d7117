"""Loads crisis_language.yaml and danger_language.yaml once each, on first use."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parent / "crisis_language.yaml"


@lru_cache(maxsize=None)
def crisis_data() -> dict:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


DANGER_FILE = Path(__file__).resolve().parent / "danger_language.yaml"


@lru_cache(maxsize=None)
def danger_data() -> dict:
    """danger_language.yaml: the phrases of every kind of danger but the speaker's own suicidal ones."""
    return yaml.safe_load(DANGER_FILE.read_text(encoding="utf-8"))
