"""Australian English (en-AU): only what differs from the shared English in en.py."""
from .commonwealth_spelling import PHRASE_CARD_TEXT, PHRASE_ONLY_CLOSE  # noqa: F401 (re-exported words)
from . import presences as _presences


GOODBYE = "No worries. Thank you for taking a moment for yourself. Take good care."

# Presences said back the way people here say them.
PRESENCE_SPOKEN = {**_presences.PRESENCE_SPOKEN, "MOTHER": "your mum", "LATE_MOTHER": "your late mum"}
