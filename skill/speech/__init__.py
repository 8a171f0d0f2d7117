"""The skill's words for each locale: shared English plus small per-locale overrides."""
from __future__ import annotations

import importlib
from functools import lru_cache
from types import MappingProxyType, SimpleNamespace

from . import en

DEFAULT_LOCALE = "en-US"
# Locales whose words differ from the shared English; each has a module of overrides.
LOCALE_OVERRIDES: dict[str, str] = {
    "en-GB": "en_GB",
    "en-AU": "en_AU",
    "en-IN": "en_IN",
    "en-CA": "en_CA",
}


def _public_names(module) -> dict:
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


@lru_cache(maxsize=None)
def texts_for(locale: str | None) -> SimpleNamespace:
    """All the words for `locale`, built once per locale and shared after that."""
    words = _public_names(en)
    override = LOCALE_OVERRIDES.get(locale or DEFAULT_LOCALE)
    if override:
        words.update(_public_names(importlib.import_module(f"{__name__}.{override}")))
    words = {k: MappingProxyType(v) if isinstance(v, dict) else v for k, v in words.items()}
    return SimpleNamespace(**words)
