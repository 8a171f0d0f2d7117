"""Everything the skill says, in English shared by every English locale.

Pauses are written as {pause:N} (N seconds of silence); they become chained
SSML breaks. {feeling} and {presence} are filled in with the user's own words,
escaped. Locale modules (en_GB.py, ...) override only what differs.

The words of THE_PHRASE are fixed by the practice and must never change.
"""

SKILL_NAME = "Shared Compassion"

THE_PHRASE = (
    "This is painful. You don't have to hold it alone. "
    "I'm with you. And something larger is with us."
)

# Said slowly: each sentence stands alone with quiet after it.
PHRASE_SENTENCES = (
    "This is painful.",
    "You don't have to hold it alone.",
    "I'm with you.",
    "And something larger is with us.",
)

# --- Launch -------------------------------------------------------------------

WELCOME = (
    "Welcome. I'm glad you're here. {pause:1} "
    "In a few quiet minutes, we'll name what you feel, "
    "and invite someone or something to sit with you. "
    "You can say stop at any time. {pause:1} Shall we begin?"
)
WELCOME_REPROMPT = "Would you like to begin? Just say yes, or begin."

# --- Step 1: pause ------------------------------------------------------------

PAUSE = (
    "Let's begin by pausing. {pause:1} "
    "If you can, sit or lie down somewhere that feels safe. {pause:2} "
    "Let your shoulders drop. Let your breath be however it is. {pause:10} {pause:8} "
    "There's no hurry. When you feel settled, say, I'm ready."
)
PAUSE_REPROMPT = "Whenever you're ready, tell me: how are you feeling right now?"

# --- Step 2: name the feeling -------------------------------------------------

ASK_FEELING = (
    "How are you feeling right now? {pause:1} "
    "A word or two is enough. And if you don't know, that's alright too."
)
ASK_FEELING_REPROMPT = "How are you feeling? You can say a word, like lonely, or, I don't know."

# Reflections of a named feeling. {feeling} is the feeling as the user named it.
REFLECT_FEELING = "{feeling}. {pause:1} Thank you for naming it. It's welcome here, just as it is."
REFLECT_UNNAMED = (
    "That's alright. Not every feeling has a name. {pause:1} "
    "Whatever is here is welcome, just as it is."
)

# --- Steps 3 and 4: ask, and let a presence emerge ------------------------------

ASK_PRESENCE = (
    "Now, gently, ask yourself: {pause:1} "
    "Who, or what, can sit with me as I feel this? {pause:1} "
    "Don't look for an answer. Just let something come. {pause:10} {pause:8} "
    "If nothing has come, that's alright. "
    "It might be the remembered gaze of someone who loved you. {pause:1} "
    "A divine presence. {pause:1} The sky, or a warm light. {pause:1} "
    "Or a wise, kind part of yourself. {pause:2} "
    "Who or what is with you? You can name it, or say, I'm not sure."
)
ASK_PRESENCE_REPROMPT = "Who or what is sitting with you? You can name it, or say skip."

WELCOME_PRESENCE = "{presence}. {pause:1} Let {presence} be here with you now."
NO_PRESENCE = (
    "That's alright. Nothing needs to be found. {pause:1} "
    "Let the quiet itself keep you company."
)

# --- Step 5: the shared-compassion phrase -------------------------------------

PHRASE_INTRO = (
    "Place a hand on your heart, if that feels right. {pause:2} "
    "Let these words be for the part of you that hurts, "
    "as if you are both being witnessed. {pause:2}"
)
ASK_AGAIN_OR_REST = "Would you like to hear the words again? Or say rest, and we'll be quiet together."
ASK_AGAIN_OR_REST_REPROMPT = "Shall I say the words again? Or say rest."

# One-shot "ask shared compassion for the phrase".
PHRASE_ONLY_INTRO = (
    "Here are the words, for you, and for whatever hurts. {pause:1} "
    "Let them be said slowly. {pause:2}"
)
PHRASE_ONLY_CLOSE = "{pause:2} Come back whenever you'd like to practise with them."

# --- Step 6: rest and close -----------------------------------------------------

REST_INTRO = (
    "Now, let's rest. Nothing to do, nothing to work out. "
    "Just be here, held. {pause:2}"
)
CLOSE_WITH_PRESENCE = (
    "{pause:1} Gently, come back to the room. {pause:1} "
    "Thank you for sitting with this, and for letting {presence} sit with you. "
    "You can come back whenever you need. Take good care."
)
CLOSE = (
    "{pause:1} Gently, come back to the room. {pause:1} "
    "Thank you for sitting with this. "
    "You can come back whenever you need. Take good care."
)

# --- Leaving, help, and being lost ----------------------------------------------

GOODBYE = "Alright. Thank you for taking a moment for yourself. Take good care."
NOT_NOW = "That's alright. Come back whenever you need a quiet moment. Take care."

HELP_INTRO = (
    "This is a short, guided practice: we pause, name what you feel, "
    "invite someone or something to sit with you, hear a few kind words, and rest. "
    "It's a practice, not medical advice or therapy. You can say stop at any time, "
    "or start over. {pause:1}"
)
# Where the user is, and what they can say there.
HELP_BY_STEP = {
    "welcome": "Right now, we're about to begin. Say yes when you'd like to start.",
    "pause": "Right now, we're settling. When you feel settled, say I'm ready.",
    "feeling": "Right now, we're naming a feeling. Say how you feel, like, I feel lost, or say, I don't know.",
    "presence": (
        "Right now, we're inviting a presence to sit with you: someone who loved you, "
        "a divine presence, the sky, or a wise part of you. Name one, or say skip."
    ),
    "phrase": "Right now, you've heard the words. Say, again, to hear them once more, or say rest.",
}

# Fallback: never "I didn't understand", just a gentle, step-specific re-ask.
FALLBACK_BY_STEP = {
    "welcome": "Whenever you'd like to begin, just say begin.",
    "pause": "Take your time. When you feel settled, say I'm ready.",
    "feeling": "Take your time. How are you feeling, in a word or two? Or say, I don't know.",
    "presence": "Who or what can sit with you? Someone, something, or a part of you. Or say skip.",
    "phrase": "Would you like to hear the words again? Or say rest.",
}

ERROR = "I'm sorry, something went wrong on my side. Let's take a breath, and try that again."
ERROR_REPROMPT = "Let's try that again. What would you like to do?"

# --- Screens (Echo Show and other devices with a display: skill/apl/) --------------
# A title and one short line per moment of the practice. Never the user's own words:
# a screen can be read by anyone in the room.
SCREENS = {
    "welcome": {"title": "Shared Compassion",
                "line": "A few quiet minutes to name what you feel, and let someone or something sit with you."},
    "pause": {"title": "Pause",
              "line": "Sit or lie somewhere safe. Let your breath be however it is."},
    "feeling": {"title": "How are you feeling?",
                "line": "A word or two is enough. Not knowing is alright too."},
    "presence": {"title": "Who or what can sit with me?",
                 "line": "No need to search. Just let something come."},
    "phrase": {"title": "Words for what hurts",
               "line": "Let them be said slowly."},
    "rest": {"title": "Rest",
             "line": "Nothing to do, nothing to work out. Just be here, held."},
    "farewell": {"title": "Take good care",
                 "line": "Come back whenever you need a quiet moment."},
}
# What the touch buttons say; the keys are the arguments their SendEvent carries.
SCREEN_BUTTONS = {"begin": "Begin", "phrase": "Hear the phrase"}

# --- Cards ------------------------------------------------------------------------

PHRASE_CARD_TITLE = "The shared-compassion phrase"
PHRASE_CARD_TEXT = (
    THE_PHRASE + "\n\nA practice for hard moments, not medical advice or a substitute for care."
)
