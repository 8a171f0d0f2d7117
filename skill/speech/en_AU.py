"""Australian English (en-AU): only what differs from the shared English in en.py."""
from .commonwealth_spelling import PHRASE_CARD_TEXT, PHRASE_ONLY_CLOSE  # noqa: F401 (re-exported words)

GOODBYE = "No worries. Thank you for taking a moment for yourself. Take good care."
