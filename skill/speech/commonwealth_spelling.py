"""Words spelt the Commonwealth way (en-GB, en-AU, en-CA, en-IN): "practise" is the verb,
"practice" the noun. Each of those locale modules takes these and adds its own."""
from .en import THE_PHRASE

PHRASE_ONLY_CLOSE = "{pause:2} Come back whenever you'd like to practise with them."

PHRASE_CARD_TEXT = (
    THE_PHRASE + "\n\nA practice for hard moments, not medical advice or a substitute for care. "
    "Come back and practise whenever you need."
)
