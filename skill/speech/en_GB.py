"""British English (en-GB): only what differs from the shared English in en.py."""
from .commonwealth_spelling import PHRASE_CARD_TEXT, PHRASE_ONLY_CLOSE  # noqa: F401 (re-exported words)
from . import presences as _presences

REPROMPT = {"welcome": "Shall we begin? Just say yes, or begin.", "new": "Shall we begin? Just say yes, or begin."}

# Presences said back the way people here say them.
PRESENCE_SPOKEN = {**_presences.PRESENCE_SPOKEN, "MOTHER": "your mum", "LATE_MOTHER": "your late mum", "GRANDMOTHER": "your nan"}
