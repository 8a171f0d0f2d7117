"""The dialog: every state of the practice, what each intent does there, and where it leads.

This table is the one place the flow lives. skill/practice.py holds the words each move says
(a method per move, named here); skill/speech/ holds the texts; `make diagram` draws this table
as docs/dialog.md. How a request is answered:

    intent = what was asked (LaunchRequest, an intent's name, a tapped button's intent)
    move   = the first of STATES[state].moves[intent], ALWAYS[intent], ANYWHERE[intent],
             STATES[state].otherwise, ANYWHERE[OTHERWISE] that exists, then the first of its
             alternatives whose guard holds
    reply  = the words of move.says, in order; the reprompt of the state it leads to

`to=SAME` stays in the state (the state's question or re-ask keeps its reprompt); `to=END` ends
the session. Guards are Practice methods returning True or False, named for what they ask.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# --- What a person can ask: the request types and intents the table answers -----------------
LAUNCH = "LaunchRequest"
BEGIN, READY, FEELING, PRESENCE = "BeginIntent", "ReadyIntent", "FeelingIntent", "PresenceIntent"
NOT_SURE, SKIP, PHRASE, REST = "NotSureIntent", "SkipIntent", "PhraseIntent", "RestIntent"
REST_LENGTH, BELL, NO_BELL, FORGET_ME = "RestLengthIntent", "BellIntent", "NoBellIntent", "ForgetMeIntent"
CRISIS, CRISIS_NUMBER, LEARN_MORE = "CrisisIntent", "CrisisNumberIntent", "LearnMoreIntent"
# Danger of each kind (skill/safety/): an intent of its own, or the same words in any slot.
IMMEDIATE, MEDICAL, SOMEONE_ELSE = "ImmediateDangerIntent", "MedicalEmergencyIntent", "WorriedForSomeoneIntent"
ABUSE, SEXUAL_ASSAULT, PANIC = "AbuseIntent", "SexualAssaultIntent", "PanicIntent"
YES, NO, HELP, REPEAT = "AMAZON.YesIntent", "AMAZON.NoIntent", "AMAZON.HelpIntent", "AMAZON.RepeatIntent"
START_OVER, FALLBACK = "AMAZON.StartOverIntent", "AMAZON.FallbackIntent"
STOP, CANCEL, HOME = "AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"
# Any intent a row does not name (including intents the code does not know yet).
OTHERWISE = "*"

SAME, END = "(same)", "(end)"


@dataclass(frozen=True)
class Go:
    """One move: the words it says (Practice methods, in order), where it leads, and when."""

    says: tuple[str, ...]
    to: str = SAME
    when: str | None = None


def go(*says: str, to: str = SAME, when: str | None = None) -> Go:
    return Go(says, to, when)


def first(*alternatives: Go) -> tuple[Go, ...]:
    """Alternatives, tried in order: the first whose guard holds (the last should have none)."""
    return alternatives


@dataclass(frozen=True)
class State:
    """Where a person is: the step of the practice, and the question the skill waits on, if any.

    The state's texts (reprompt, re-ask, help) are keyed by its name in skill/speech/.
    `holds` states answer only what their rows name; anything else is their `otherwise`,
    never the practice's ordinary moves (someone who has just voiced danger is not carried on).
    """

    step: str
    question: str | None = None
    moves: dict = field(default_factory=dict)
    otherwise: tuple[Go, ...] | Go | None = None
    screen: str | None = None

    @property
    def holds(self) -> bool:
        return self.otherwise is not None


# --- Moves used in many places ------------------------------------------------------------------
TO_PAUSE = go("pause", to="pause")
ASK_FEELING = go("ask_feeling", to="feeling")
REFLECT_FEELING = first(go("reflect_feeling", "welcome_presence", "phrase", to="phrase", when="presence_invited"),
                        go("reflect_feeling", "ask_presence", to="presence"))
NO_FEELING = first(go("reflect_no_feeling", "welcome_presence", "phrase", to="phrase", when="presence_invited"),
                   go("reflect_no_feeling", "ask_presence", to="presence"))
WELCOME_PRESENCE = go("welcome_presence", "phrase", to="phrase")
THE_PHRASE = go("phrase", to="phrase")
GO_ON_GENTLY = go("crisis_go_on_gently", "pause", to="pause")


def rest_after(*before: str) -> tuple[Go, ...]:
    """Step 6, after `before`: the rest, then the close (asking to remember a presence the model knew)."""
    return first(go(*before, "rest", "close_and_ask_remember", to="remember", when="may_offer_to_remember"),
                 go(*before, "rest", "close", to=END))


REST_AND_CLOSE = rest_after()
RE_ASK = go("re_ask")
CRISIS_CARE = go("crisis", to="crisis")

# --- Anywhere: what an intent does in every state whose row does not say otherwise ----------------
ANYWHERE = {
    LAUNCH: first(go("welcome_back_with_presence", to="welcome_back", when="has_remembered_presence"),
                  go("welcome_back", to="welcome", when="is_remembered"),
                  go("welcome", to="welcome")),
    CRISIS_NUMBER: go("crisis_line", "re_ask"),
    LEARN_MORE: go("learn_more", "re_ask"),
    HELP: go("help"),
    REPEAT: go("repeat"),
    START_OVER: go("start_over", "pause", to="pause"),
    FORGET_ME: go("forget", "re_ask"),
    REST_LENGTH: go("choose_rest", "re_ask"),
    BELL: go("bell_on", "re_ask"),
    NO_BELL: go("bell_off", "re_ask"),
    PHRASE: THE_PHRASE,
    REST: REST_AND_CLOSE,
    FEELING: REFLECT_FEELING,
    PRESENCE: WELCOME_PRESENCE,
    STOP: go("goodbye", to=END),
    CANCEL: go("goodbye", to=END),
    HOME: go("goodbye", to=END),
    # Nothing the model knows: Alexa sends no words, so the skill cannot hear danger in them. The re-ask
    # says plainly how to reach a number, in case what was said was that they are not safe.
    FALLBACK: go("safety_net", "re_ask"),
    OTHERWISE: RE_ASK,  # anything unexpected: a gentle, step-specific re-ask
}

# Danger, wherever it is voiced, is met before anything the practice would do (only a state that
# already holds someone in danger answers some of these its own way).
ALWAYS = {
    CRISIS: CRISIS_CARE,
    IMMEDIATE: go("immediate_danger", to="immediate"),
    MEDICAL: go("medical_emergency", to=END),  # they must act now: the practice stops
    SOMEONE_ELSE: go("someone_else", "someone_else_offer", to="someone_else"),
    ABUSE: go("violence", "violence_offer", to="violence"),
    SEXUAL_ASSAULT: go("sexual_assault", "violence", "violence_offer", to="violence"),
    PANIC: go("panic_grounding", "panic_offer", to="panic"),
}

# --- The states ---------------------------------------------------------------------------------
def holding(goodbye: str, line: tuple[str, ...], question: str | None = "crisis_question") -> dict:
    """The rows every state that holds someone in danger shares: no, stop and the like end kindly with
    the numbers once more; "the number" or help gives them again; panic there is met by slowing down."""
    asked = (question,) if question else ()
    leave = go(goodbye, to=END)
    again = go(*line, *asked)
    return {NO: leave, STOP: leave, CANCEL: leave, HOME: leave, CRISIS_NUMBER: again, HELP: again,
            REPEAT: go("repeat"), FORGET_ME: go("forget", *asked), LAUNCH: ANYWHERE[LAUNCH],
            PANIC: go("panic_settle", *asked) if asked else again}


# After a crisis: the line is one request away; yes and no answer the offer; nothing else moves on.
_CRISIS_ROWS = holding("crisis_goodbye", ("crisis_line",))

STATES: dict[str, State] = {
    # A new session that did not start with a launch: a one-shot ("ask shared compassion for the phrase").
    "new": State("new", moves={
        PHRASE: go("phrase_only", to=END),
        FORGET_ME: go("forget", to=END),
        YES: TO_PAUSE, BEGIN: TO_PAUSE, READY: TO_PAUSE, SKIP: TO_PAUSE,
        NO: go("not_now", to=END),
        OTHERWISE: go("re_ask", to="welcome"),
    }, screen="welcome"),
    "welcome": State("welcome", "begin", moves={
        YES: TO_PAUSE, BEGIN: TO_PAUSE, READY: TO_PAUSE, SKIP: TO_PAUSE,
        NO: go("not_now", to=END),
    }),
    # A returning person whose presence was kept: "would you like to invite your grandmother again?"
    "welcome_back": State("welcome", "same_presence", moves={
        YES: go("invite_again", "pause", to="pause"),
        PRESENCE: go("invite_named", "pause", to="pause"),  # "no, my grandfather this time"
        NO: go("not_again", to="welcome"),
        BEGIN: TO_PAUSE, READY: TO_PAUSE, SKIP: TO_PAUSE,
    }, screen="welcome"),
    # Step 1: settling.
    "pause": State("pause", moves={
        READY: ASK_FEELING, YES: ASK_FEELING, SKIP: ASK_FEELING,
        NOT_SURE: NO_FEELING, NO: NO_FEELING,
    }),
    # Step 2: "how are you feeling right now?"
    "feeling": State("feeling", moves={
        NOT_SURE: NO_FEELING, SKIP: NO_FEELING, NO: NO_FEELING,
        READY: ASK_FEELING, YES: ASK_FEELING,
        # A toss-up for Alexa ("heavy", "like a storm" heard as a presence): asked how they feel, the
        # person named a feeling, unless it is a presence the model knows (then they went ahead).
        PRESENCE: first(go("welcome_presence", "phrase", to="phrase", when="presence_not_a_feeling"),
                        go("presence_words_as_feeling", "reflect_feeling", "ask_presence", to="presence")),
    }),
    # Steps 3 and 4: "who or what can sit with me as I feel this?", then silence.
    "presence": State("presence", moves={
        NOT_SURE: go("no_presence", "phrase", to="phrase"), SKIP: go("no_presence", "phrase", to="phrase"),
        NO: go("no_presence", "phrase", to="phrase"),
        # The toss-up the other way ("warmth", "peace" heard as a feeling): asked who or what is with
        # them, the person named a presence, unless it is a feeling the model knows.
        FEELING: first(go("reflect_feeling", "ask_presence", when="feeling_not_a_presence"),
                       go("feeling_words_as_presence", "welcome_presence", "phrase", to="phrase")),
    }),
    # Step 5: the phrase; "would you like to hear the words again? Or say rest."
    "phrase": State("phrase", "again", moves={
        YES: THE_PHRASE, REPEAT: THE_PHRASE,
        NO: REST_AND_CLOSE, READY: REST_AND_CLOSE, SKIP: REST_AND_CLOSE,
        REST_LENGTH: first(go("choose_rest", when="length_not_understood"), *rest_after("choose_rest")),
        BELL: rest_after("bell_on"), NO_BELL: rest_after("bell_off"),
    }),
    # Step 6 is over: "before you go: shall I remember that your grandmother sat with you?"
    # Only yes keeps anything; the session stays open for this one answer.
    "remember": State("rest", "remember", moves={
        YES: go("remember", to=END),
        NO: go("will_not_remember", to=END), NOT_SURE: go("will_not_remember", to=END),
        SKIP: go("will_not_remember", to=END), STOP: go("will_not_remember", to=END),
        CANCEL: go("will_not_remember", to=END), HOME: go("will_not_remember", to=END),
        HELP: go("help"), REPEAT: go("repeat"), FORGET_ME: go("forget", to=END),
        CRISIS_NUMBER: go("crisis_line", "re_ask"), LAUNCH: ANYWHERE[LAUNCH],
    }, otherwise=RE_ASK),
    # Crisis care: "would you like to take one slow breath together? Or shall we end here?"
    "crisis": State("crisis", "breathe", moves={**_CRISIS_ROWS, YES: go("breathe_together", to="crisis_go_on")},
                    otherwise=go("crisis_still_here", "crisis_question")),
    # After the breath: "would you like to go on with the practice, gently? Or shall we end here?"
    "crisis_go_on": State("crisis", "go_on", moves={**_CRISIS_ROWS, YES: GO_ON_GENTLY},
                          otherwise=go("crisis_still_here", "crisis_question"), screen="crisis"),
    # Immediate danger: the emergency number first, then the crisis line; "the number" says it again.
    "immediate": State("immediate", "number", moves={
        **holding("immediate_goodbye", ("immediate_again",), question=None), YES: go("immediate_again")},
        otherwise=go("immediate_again"), screen="crisis"),
    # Worried for someone else: "shall we go on gently, or end here?"
    "someone_else": State("someone_else", "go_on", moves={
        **holding("someone_else_goodbye", ("someone_else",), question="someone_else_offer"),
        YES: GO_ON_GENTLY, READY: GO_ON_GENTLY, BEGIN: GO_ON_GENTLY},
        otherwise=go("crisis_still_here", "someone_else_offer"), screen="crisis"),
    # Violence or abuse: believed; the lines; "would you like to stay here quietly for a moment, or end here?"
    "violence": State("violence", "stay", moves={
        **holding("violence_goodbye", ("violence_lines",), question="violence_offer"),
        YES: go("stay_quietly", "violence_go_on", to="violence_go_on")},
        otherwise=go("crisis_still_here", "violence_offer"), screen="crisis"),
    "violence_go_on": State("violence", "go_on", moves={
        **holding("violence_goodbye", ("violence_lines",), question="violence_go_on"),
        YES: GO_ON_GENTLY, READY: GO_ON_GENTLY},
        otherwise=go("crisis_still_here", "violence_go_on"), screen="crisis"),
    # Panic or overwhelm: slowing down and grounding, never on to "who can sit with you"; no crisis line
    # unless they ask for it. "Would you like to go on, slowly? Or stop for now, and come back later?"
    "panic": State("panic", "go_on", moves={
        YES: GO_ON_GENTLY, READY: GO_ON_GENTLY, BEGIN: GO_ON_GENTLY, SKIP: GO_ON_GENTLY,
        NO: go("panic_goodbye", to=END), STOP: go("panic_goodbye", to=END),
        CANCEL: go("panic_goodbye", to=END), HOME: go("panic_goodbye", to=END),
        CRISIS_NUMBER: go("crisis_line", "panic_offer"), REPEAT: go("repeat"), LAUNCH: ANYWHERE[LAUNCH],
        HELP: go("panic_settle", "panic_offer"), PANIC: go("panic_settle", "panic_offer"),
        FORGET_ME: go("forget", "panic_offer")},
        otherwise=go("panic_settle", "panic_offer"), screen="pause"),
}

# The state a session is in, by what its attributes say: (step, question) -> state name; and by the
# step alone, for attributes an older version wrote without the question (the step's first state).
_BY_STEP_AND_QUESTION = {(state.step, state.question): name for name, state in STATES.items()}
_BY_STEP = {state.step: name for name, state in reversed(STATES.items())}


def state_named(step: str | None, question: str | None) -> str:
    """The state for a session's step and question; anything unknown (or forged) is a new session."""
    return _BY_STEP_AND_QUESTION.get((step, question)) or _BY_STEP.get(step, "new")


def alternatives(state_name: str, intent: str) -> tuple[Go, ...]:
    """Every move `intent` may make in `state_name`, in the order their guards are asked."""
    state = STATES[state_name]
    found = state.moves.get(intent) or ALWAYS.get(intent)
    if found is None:
        found = state.otherwise if state.holds else ANYWHERE.get(intent, state.moves.get(OTHERWISE))
    if found is None:
        found = ANYWHERE[OTHERWISE]
    return found if isinstance(found, tuple) else (found,)


def moves_of(state_name: str) -> dict[str, tuple[Go, ...]]:
    """What every intent the table names does in `state_name` (OTHERWISE: all the rest)."""
    intents = {*ALWAYS, *ANYWHERE, *STATES[state_name].moves}
    return {intent: alternatives(state_name, intent) for intent in sorted(intents)}


def says_and_guards() -> tuple[set[str], set[str]]:
    """Every Practice method the table names: what moves say, and what guards ask."""
    says, guards = set(), set()
    for name in STATES:
        for options in moves_of(name).values():
            for option in options:
                says.update(option.says)
                if option.when:
                    guards.add(option.when)
    return says, guards
