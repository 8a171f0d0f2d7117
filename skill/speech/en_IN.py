"""Indian English (en-IN): only what differs from the shared English in en.py.

Spelling follows the locale: "practise" is the verb, "practice" the noun; cards say "colour",
"centre". Crisis lines come from skill/safety/crisis_language.yaml, not from here.
"""
from .en import THE_PHRASE

PHRASE_ONLY_CLOSE = "{pause:2} Come back whenever you'd like to practise with them."

PHRASE_CARD_TEXT = (
    THE_PHRASE + "\n\nA practice for hard moments, not medical advice or a substitute for care. "
    "Come back and practise whenever you need."
)

NOT_NOW = "That's perfectly alright. Come back whenever you need a quiet moment. Take care."
