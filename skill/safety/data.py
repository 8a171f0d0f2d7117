"""Loads crisis_language.yaml once, on first use."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parent / "crisis_language.yaml"


@lru_cache(maxsize=None)
def crisis_data() -> dict:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
