"""Loads crisis_language.yaml and danger_language.yaml once each, on first use."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

# libyaml's loader (in PyYAML's wheels) reads these files some fifty times faster than the pure-Python
# one; the first person to say something pays for this read, so it matters. Same data either way.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader


DATA_FILE = Path(__file__).resolve().parent / "crisis_language.yaml"


@lru_cache(maxsize=None)
def crisis_data() -> dict:
    return _load(DATA_FILE)


DANGER_FILE = Path(__file__).resolve().parent / "danger_language.yaml"


@lru_cache(maxsize=None)
def danger_data() -> dict:
    """danger_language.yaml: the phrases of every kind of danger but the speaker's own suicidal ones."""
    return _load(DANGER_FILE)
