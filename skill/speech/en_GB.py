"""British English (en-GB): only what differs from the shared English in en.py."""
from .commonwealth_spelling import PHRASE_CARD_TEXT, PHRASE_ONLY_CLOSE  # noqa: F401 (re-exported words)

REPROMPT = {"welcome": "Shall we begin? Just say yes, or begin.", "new": "Shall we begin? Just say yes, or begin."}
