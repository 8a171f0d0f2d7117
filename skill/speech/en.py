"""Everything the skill says, in English shared by every English locale.

Pauses are written as {pause:N} (N seconds of silence); they become chained
SSML breaks. {feeling} and {presence} are filled in with the user's own words,
escaped ({Feeling} and {Presence} at the start of a sentence). Locale modules (en_GB.py, ...) override only what differs.

The words of THE_PHRASE are fixed by the practice and must never change.
"""
# How a remembered presence is said back, by its slot value id (the record keeps only the id and name).
from .presences import PRESENCE_SPOKEN  # noqa: F401 (re-exported words)

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
    "Together, we'll name what you feel, "
    "and invite someone or something to sit with you. "
    "You can say stop at any time. {pause:1} Shall we begin?"
)

# --- Step 1: pause ------------------------------------------------------------

PAUSE = (
    "Let's begin by pausing. {pause:1} "
    "If you can, sit or lie down somewhere that feels safe. {pause:2} "
    "Let your shoulders drop. Let your breath be however it is. {pause:10} {pause:8} "
    "There's no hurry. When you feel settled, say, I'm ready."
)

# --- Step 2: name the feeling -------------------------------------------------

ASK_FEELING = (
    "How are you feeling right now? {pause:1} "
    "A word or two is enough. And if you don't know, that's alright too."
)

# Reflections of a named feeling. {feeling} is the feeling as the user named it, said back only when it
# is a short answer of the expected shape ("kind of lost"); anything else gets REFLECT_UNSPOKEN.
REFLECT_FEELING = "{Feeling}. {pause:1} Thank you for naming it. It's welcome here, just as it is."
REFLECT_UNSPOKEN = (
    "Thank you for telling me. {pause:1} "
    "Whatever you're feeling is welcome here, just as it is."
)
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

WELCOME_PRESENCE = "{Presence}. {pause:1} Let {presence} be here with you now."
# When what was said is not a short name we can say back kindly.
WELCOME_UNSPOKEN_PRESENCE = "Thank you. {pause:1} Let whoever, or whatever, has come be here with you now."
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

# One-shot "ask shared compassion for the phrase".
PHRASE_ONLY_INTRO = (
    "Here are the words, for you, and for whatever hurts. {pause:1} "
    "Let them be said slowly. {pause:2}"
)
PHRASE_ONLY_CLOSE = "{pause:2} Come back whenever you'd like to practice with them."

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
# The close, when the skill may ask to remember who sat with them (ASK_REMEMBER follows).
CLOSE_BEFORE_ASKING = (
    "{pause:1} Gently, come back to the room. {pause:1} "
    "Thank you for sitting with this, and for letting {presence} sit with you. {pause:1} "
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
# Where the user is, and what they can say there; by state (skill/dialog.py).
HELP = {
    "new": "Right now, we're about to begin. Say begin when you'd like to start.",
    "welcome": "Right now, we're about to begin. Say yes when you'd like to start.",
    "welcome_back": (
        "Right now, we're about to begin. Say yes to invite the same presence again, "
        "no to begin without it, or name someone else."
    ),
    "pause": "Right now, we're settling. When you feel settled, say I'm ready.",
    "feeling": "Right now, we're naming a feeling. Say how you feel, like, I feel lost, or say, I don't know.",
    "presence": (
        "Right now, we're inviting a presence to sit with you: someone who loved you, "
        "a divine presence, the sky, or a wise part of you. Name one, or say skip."
    ),
    "phrase": "Right now, you've heard the words. Say, again, to hear them once more, or say rest.",
    "remember": "We've finished the practice. Say yes if you'd like me to remember who sat with you, or no.",
    "crisis": "Say yes to take a slow breath together, or no to end here. Or say, the number, to hear it again.",
    "crisis_go_on": "Say yes to go on gently, or no to end here. Or say, the number, to hear it again.",
    "immediate": "Please call {emergency} now. Say, the number, to hear it again.",
    "someone_else": "Say yes to go on gently, or no to end here. Or say, the number, to hear the line again.",
    "violence": "Say yes to stay a moment, or no to end here. Or say, the number, to hear the lines again.",
    "violence_go_on": "Say yes to go on gently, or no to end here. Or say, the number, to hear the lines again.",
    "panic": "We're slowing down. Say go on when you're ready, or stop to end for now.",
}

# Said before the re-ask when Alexa heard nothing the model knows (it sends the skill no words).
SAFETY_NET = "If you're not safe right now, say, the number, and I'll give you one to call. {pause:1} "
# Fallback: never "I didn't understand", just a gentle re-ask of where we are; by state.
RE_ASK = {
    "new": "Whenever you'd like to begin, just say begin.",
    "welcome": "Whenever you'd like to begin, just say begin.",
    "welcome_back": (
        "Would you like the same presence with you again? Say yes, or no, or name someone else."
    ),
    "pause": "Take your time. When you feel settled, say I'm ready.",
    "feeling": "Take your time. How are you feeling, in a word or two? Or say, I don't know.",
    "presence": "Who or what can sit with you? Someone, something, or a part of you. Or say skip.",
    "phrase": "Would you like to hear the words again? Or say rest.",
    "remember": "Shall I remember who sat with you, for next time? Yes, or no.",
    "crisis": "Would you like to take one slow breath together? Or shall we end here?",
    "crisis_go_on": "Would you like to go on with the practice, gently? Or shall we end here?",
    "immediate": "Please call {emergency} now. Or say, the number, to hear it again.",
    "someone_else": "Shall we go on gently, or end here?",
    "violence": "Would you like to stay here quietly for a moment, or end here?",
    "violence_go_on": "Would you like to go on with the practice, gently? Or shall we end here?",
    "panic": "Would you like to go on, slowly? Or stop for now?",
}
# What is said again after silence, in each state.
REPROMPT = {
    "new": "Would you like to begin? Just say yes, or begin.",
    "welcome": "Would you like to begin? Just say yes, or begin.",
    "welcome_back": (
        "Would you like the same presence with you again? Say yes, or no, or name someone else."
    ),
    "pause": "Whenever you're ready, tell me: how are you feeling right now?",
    "feeling": "How are you feeling? You can say a word, like lonely, or, I don't know.",
    "presence": "Who or what is sitting with you? You can name it, or say skip.",
    "phrase": "Shall I say the words again? Or say rest.",
    "remember": "Shall I remember who sat with you, for next time? Yes, or no.",
    # After silence in a danger step the number is said again: a second silence ends the session.
    "crisis": (
        "I'm still here. {Line_name} is there, on {call}. "
        "Would you like to take a slow breath with me? Say yes, or no."
    ),
    "crisis_go_on": "{Line_name} is there, on {call}. Would you like to go on, gently? Say yes, or no.",
    "immediate": "Please call {emergency} now. Or say, the number, to hear it again.",
    "someone_else": "{Line_name} is there, on {call}, for you and for them. Shall we go on gently? Or end here?",
    "violence": (
        "If you're in danger, please call {emergency}. "
        "Would you like to stay a moment? Or end here? Say, the number, to hear the lines again."
    ),
    "violence_go_on": (
        "If you're in danger, please call {emergency}. Would you like to go on, gently? Say yes, or no."
    ),
    "panic": "Would you like to go on, slowly? Say yes, or stop.",
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
    # Crisis care: the locale's line stays on the screen ({name}, {call}, {emergency}).
    "crisis": {"title": "You're not alone",
               "line": "{Name}: {call}. If you're in immediate danger, call {emergency}."},
}
# What the touch buttons say; the keys are the arguments their SendEvent carries.
SCREEN_BUTTONS = {"begin": "Begin", "phrase": "Hear the phrase"}

# --- Cards ------------------------------------------------------------------------

PHRASE_CARD_TITLE = "The shared-compassion phrase"
PHRASE_CARD_TEXT = (
    THE_PHRASE + "\n\nA practice for hard moments, not medical advice or a substitute for care."
)

# --- Remembering (only with consent) ------------------------------------------------

# A returning person: a shorter welcome.
WELCOME_BACK = "Welcome back. I'm glad you're here again. {pause:1} Shall we begin?"
WELCOME_BACK_WITH_PRESENCE = (
    "Welcome back. {pause:1} Last time, {presence} sat with you. {pause:1} "
    "Would you like to invite {presence} again?"
)
INVITED_AGAIN = "Then let's invite {presence} again."
NOT_AGAIN = (
    "That's alright. Someone or something else may come, or only the quiet. {pause:1} Shall we begin?"
)

# Asked at the close, after the rest, only for a presence the model recognised; silence keeps nothing.
ASK_REMEMBER = "Before you go: shall I remember that {presence} sat with you?"
WILL_REMEMBER = (
    "I'll remember {presence}. You can ask me to forget at any time. {pause:1} "
    "Come back whenever you need. Take good care."
)
WILL_NOT_REMEMBER = "Alright. I won't keep it. {pause:1} Come back whenever you need. Take good care."
# The store could not be reached: nothing alarming, and nothing promised.
REMEMBER_FAILED = "Alright. {pause:1} Come back whenever you need. Take good care."

FORGOTTEN = "I've forgotten everything I kept for you. Next time, we'll begin fresh."
FORGET_FAILED = (
    "I couldn't reach what I keep just now, so nothing has been deleted yet. "
    "Please ask me again in a little while."
)

# --- Rest length and the bell ---------------------------------------------------------

REST_CHOSEN = {
    "short": "Alright, a short rest, about half a minute.",
    "medium": "Alright, a rest of about a minute.",
    "long": "Alright, a longer rest, about three minutes.",
}
REST_CHOICES = "How long would you like to rest? Half a minute, one minute, or three minutes?"
BELL_OFF = "Alright, no bell. Just the quiet."
BELL_ON = "Alright, a soft bell at the start and end of the rest."

# --- Heavy feelings -------------------------------------------------------------------
# Hopeless, worthless, empty, numb, exhausted: not a crisis. The practice goes on, with care;
# the line is mentioned once, lightly, on the card only.
REFLECT_HEAVY_FEELING = (
    "{Feeling}. {pause:1} That's a heavy thing to feel. Thank you for naming it. "
    "We'll go gently. It's welcome here, just as it is."
)
REFLECT_HEAVY_UNSPOKEN = (
    "Thank you for telling me. {pause:1} That sounds heavy to carry. Thank you for naming it. "
    "We'll go gently. It's welcome here, just as it is."
)
HEAVY_CARD_TITLE = "You're not alone with this"
HEAVY_CARD_TEXT = (
    "If things ever feel too heavy to hold, {name} is there to listen: call {call} ({hours}).\n"
    "This is a practice, not medical advice."
)

# --- Crisis care ------------------------------------------------------------------------
# Said when someone sounds like they might harm themselves. Warm, brief and direct.
# {line_name}, {line_hours}, {call}, {text}, {other_call}, {emergency} come from
# skill/safety/crisis_language.yaml for the locale; numbers are spoken in groups with pauses.
CRISIS_ACKNOWLEDGE = (
    "Thank you for telling me. {pause:1} You matter, "
    "and you deserve support from a real person, right now. {pause:1} "
)
CRISIS_LINE = "You can call {line_name}, {line_hours}, on {call}. {pause:1} "
CRISIS_TEXT_OPTION = "You can also text them, on {text}. {pause:1} "
CRISIS_OTHER_CALL = "Or call {other_call}. {pause:1} "
CRISIS_EMERGENCY = "If you're in immediate danger, please call {emergency}. {pause:1} "
CRISIS_HONEST = (
    "I'm a voice practice, and I can't call anyone for you. "
    "But I can stay with you for a moment. {pause:1} "
)
CRISIS_OFFER = "Would you like to take one slow breath together? Or shall we end here?"
CRISIS_BREATH = (
    "Alright. I'm here. {pause:1} Breathe in, slowly. {pause:4} "
    "And let it out, slowly. {pause:6} Once more. In. {pause:4} And out. {pause:6} "
    "You don't have to hold this alone. {pause:1} "
)
CRISIS_REOFFER = "When you're ready, {line_name} is there, on {call}. {pause:1} "
CRISIS_GO_ON = "Would you like to go on with the practice, gently? Or shall we end here?"
CRISIS_GO_ON_GENTLY = "Alright. We'll go gently, and you can stop at any time. {pause:1} "
CRISIS_STILL_HERE = "I'm still here. {pause:1} "
CRISIS_GOODBYE = (
    "Alright. Thank you for staying with me for a moment. {pause:1} "
    "Please reach out to {line_name}, on {call}. The number is on a card in your Alexa app too. "
    "{pause:1} Take good care of yourself."
)
CRISIS_CARD_TITLE = "Support, right now"
CRISIS_CARD_CALL = "{Name}: call {call} ({hours})."
CRISIS_CARD_TEXT = "Text: {text}."
CRISIS_CARD_OTHER_CALL = "Or call {other_call}."
CRISIS_CARD_EMAIL = "Email: {email}."
CRISIS_CARD_EMERGENCY = "If you are in immediate danger, call {emergency}."
CRISIS_CARD_HONEST = (
    "This skill cannot call anyone for you. It is a self-compassion practice, "
    "not a crisis service or medical advice."
)

# --- Learn more -----------------------------------------------------------------------------
# "What is this?", "why does self-compassion feel lonely?", "how does this work?": under a minute.
LEARN_MORE = (
    "Shared Compassion is a short practice for hard moments. {pause:1} "
    "Being kind to yourself helps, but when you hurt, it can feel lonely, "
    "as if you were the only one there to comfort you. {pause:1} "
    "We're made to be comforted by others. So here, you invite someone, or something, "
    "to sit with you: a person who loved you, the divine, the sky, or a wise part of you. "
    "Feeling accompanied can soften what hurts. {pause:1} "
    "It isn't a way around the pain, and it isn't magic. It doesn't replace the people in your life, "
    "your community, or professional care. It's a few quiet minutes of company. {pause:1}"
)

# --- Danger of every kind ------------------------------------------------------------------
# Issue 12: said when skill.safety.assess finds a kind of danger (skill/safety/detector.py).
# Warm, brief, direct; the emergency number first where a life is at risk now; honest that
# this skill cannot call anyone. Numbers come from skill/safety/crisis_language.yaml for the
# locale (support_lines): {emergency}, {call} and {line_name} (the crisis line),
# {hours} (the crisis line's), {abuse_name}/{abuse_call}/{abuse_hours}/{abuse_text}/{abuse_keyword}
# (domestic abuse), {assault_name}/{assault_call}/{assault_hours} (sexual assault); each number is
# spoken in groups with pauses. A sentence whose line the locale lacks is left out; where the
# domestic-abuse and sexual-assault lines are one (en-AU, en-IN), VIOLENCE_ASSAULT_LINE is left
# out too; where neither exists (en-CA), VIOLENCE_NO_NATIONAL_LINE stands in for both.
# No Commonwealth spelling differs in this section, so the locale modules need no overrides.

# Immediate danger to the speaker: an attempt under way or about to happen, the means at hand.
IMMEDIATE_DANGER = (
    "Please call {emergency} now. {pause:1} {emergency}. {pause:1} "
    "I can't call anyone for you, so please call them yourself, or ask someone near you to. {pause:1} "
    "If you can, put some distance between you and anything you could hurt yourself with. {pause:1} "
    "You can also call {line_name}, on {call}. {pause:1} I'm still here."
)

# A medical emergency, anyone's: the number, then the practice stops so they can act.
MEDICAL_EMERGENCY = (
    "This sounds like an emergency. {pause:1} Please call {emergency} now. {pause:1} {emergency}. "
    "{pause:1} I can't call anyone for you. {pause:1} I'll stop here, so you can call. Go gently."
)

# Worried for someone else who talks of dying, has hurt themselves, or said goodbye.
SOMEONE_ELSE = (
    "Thank you for telling me. {pause:1} It's frightening to worry for someone like this, "
    "and it matters that you noticed. {pause:1} "
    "{Line_name} helps people who are worried about someone else, too. You can call them on {call}. "
    "{pause:1} If they're in danger right now, please call {emergency}. {pause:1} "
)
SOMEONE_ELSE_OFFER = "Shall we go on gently, or end here?"

# Violence, abuse and sexual assault against the speaker.
VIOLENCE_BELIEVE = (
    "Thank you for telling me. {pause:1} I believe you. What happened is not your fault. {pause:1} "
)
VIOLENCE_ABUSE_LINE = "{Abuse_name} is there for you, {abuse_hours}, on {abuse_call}. {pause:1} "
VIOLENCE_ABUSE_TEXT = "You can also text them, on {abuse_text}. {pause:1} "
VIOLENCE_ABUSE_TEXT_KEYWORD = "You can also text the word {abuse_keyword}, to {abuse_text}. {pause:1} "
VIOLENCE_ASSAULT_LINE = "For sexual assault, {assault_name} is there, on {assault_call}. {pause:1} "
# Where the country has no national line for either (en-CA): the crisis line listens too.
VIOLENCE_NO_NATIONAL_LINE = "{Line_name} is there to listen, on {call}. {pause:1} "
VIOLENCE_EMERGENCY = "If you're in danger right now, please call {emergency}. {pause:1} "
# Once, plainly: people in abusive homes are warned about shared devices.
VIOLENCE_VOICE_HISTORY = (
    "One more thing, in case it matters for your safety: this device's voice history may keep "
    "what was said here. You can delete it in the Alexa app. {pause:1} "
)
VIOLENCE_OFFER = "Would you like to stay here quietly for a moment, or end here?"

# Panic or overwhelm during the practice: no crisis line; slow down and ground.
PANIC_GROUNDING = (
    "Alright. Let's slow right down. You're not in trouble here. {pause:1} "
    "Keep your eyes open. {pause:1} Feel your feet on the floor. {pause:2} "
    "Breathe in, gently. {pause:3} And let a longer breath out, slowly. {pause:5} "
    "Again. In. {pause:3} And a long, slow breath out. {pause:5} "
    "Now look around, and name three things you can see in the room. {pause:6} "
    "That's it. You're here. {pause:1} "
)

# Cards: the numbers stay on the screen.
DANGER_CARD_TITLE = "Help, right now"
IMMEDIATE_CARD_TEXT = (
    "Call {emergency} now.\n{Line_name}: call {call} ({hours}).\n"
    "This skill cannot call anyone for you."
)
MEDICAL_CARD_TEXT = "Call {emergency} now.\nThis skill cannot call anyone for you."
SOMEONE_ELSE_CARD_TITLE = "Help for someone you're worried about"
SOMEONE_ELSE_CARD_TEXT = (
    "{Line_name} also helps people worried about someone else: call {call} ({hours}).\n"
    "If they are in danger now, call {emergency}."
)
VIOLENCE_CARD_TITLE = "You are not to blame"
VIOLENCE_CARD_ABUSE = "{Abuse_name}: call {abuse_call} ({abuse_hours})."
VIOLENCE_CARD_ABUSE_TEXT = "Text: {abuse_text}."
VIOLENCE_CARD_ABUSE_TEXT_KEYWORD = "Text {abuse_keyword} to {abuse_text}."
VIOLENCE_CARD_ASSAULT = "Sexual assault: {assault_name}, call {assault_call} ({assault_hours})."
VIOLENCE_CARD_NO_NATIONAL_LINE = "{Line_name}: call {call} ({hours})."
VIOLENCE_CARD_EMERGENCY = "If you are in danger now, call {emergency}."
VIOLENCE_CARD_VOICE_HISTORY = (
    "Your device's voice history may keep what was said. You can review and delete it in the "
    "Alexa app, under Settings, Alexa Privacy."
)
PANIC_OFFER = (
    "When you're ready, would you like to go on, slowly, from the beginning? "
    "Or we can stop for now, and you can come back later."
)
# Said again, more briefly, when something else is said while they are still settling.
PANIC_SETTLE = (
    "There's no hurry. {pause:1} Feel your feet on the floor. {pause:2} "
    "Let a long, slow breath out. {pause:5} "
)
PANIC_GOODBYE = (
    "Alright. We'll stop here for now. {pause:1} Keep breathing slowly, and stay with what's around you. "
    "You can come back whenever you like. Take good care."
)
# Immediate danger, said again ("what's the number?") and at the end: the numbers, short.
IMMEDIATE_AGAIN = (
    "Please call {emergency} now. {pause:1} {emergency}. {pause:1} "
    "You can also call {line_name}, on {call}. {pause:1} I can't call anyone for you. "
)
IMMEDIATE_GOODBYE = (
    "Please call {emergency} now. {pause:1} {emergency}. {pause:1} Or {line_name}, on {call}. "
    "The numbers are on a card in your Alexa app too. Please stay safe."
)
SOMEONE_ELSE_GOODBYE = (
    "Alright. {pause:1} {line_name} is there for you and for them, on {call}. "
    "If they're in danger right now, please call {emergency}. "
    "The numbers are on a card in your Alexa app too. Take good care of yourself."
)
VIOLENCE_GOODBYE = (
    "Alright. {pause:1} What happened is not your fault. Help is there whenever you want it: "
    "the numbers are on a card in your Alexa app. If you're in danger, please call {emergency}. "
    "Take good care of yourself."
)
# Yes to "would you like to stay here quietly for a moment?"
STAY_QUIETLY = (
    "Alright. I'm here. {pause:1} Breathe in, slowly. {pause:4} "
    "And let it out, slowly. {pause:6} Once more. In. {pause:4} And out. {pause:6} "
)
VIOLENCE_GO_ON = "Would you like to go on with the practice, gently? Or shall we end here?"
PANIC_CARD_TITLE = "Slowing down"
PANIC_CARD_TEXT = (
    "Eyes open. Feet on the floor. A longer breath out than in. "
    "Name three things you can see. Come back whenever you're ready."
)
