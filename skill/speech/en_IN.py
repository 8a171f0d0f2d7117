"""Indian English (en-IN): only what differs from the shared English in en.py."""
from .commonwealth_spelling import PHRASE_CARD_TEXT, PHRASE_ONLY_CLOSE  # noqa: F401 (re-exported words)

NOT_NOW = "That's perfectly alright. Come back whenever you need a quiet moment. Take care."
