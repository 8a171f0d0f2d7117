"""The practice itself: its steps, what each one says, and where each answer leads.

A person's place in the practice lives in the session attributes, so every
request can pick up where the last one left off. The handlers (handlers.py)
only translate Alexa's requests into calls on `Practice`; the words come from
skill/speech/.

Steps, in order:
  welcome   launch: a short welcome and "shall we begin?"
  pause     step 1: settle somewhere safe, in silence
  feeling   step 2: "how are you feeling right now?"
  presence  steps 3 and 4: "who or what can sit with me?", then silence
  phrase    step 5: the shared-compassion phrase
  (rest)    step 6: quiet, then a gentle close that ends the session
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .ssml import is_own_speech, silence, speak, spoken

WELCOME, PAUSE, FEELING, PRESENCE, PHRASE = "welcome", "pause", "feeling", "presence", "phrase"
STEPS = (WELCOME, PAUSE, FEELING, PRESENCE, PHRASE)

DEFAULT_REST_SECONDS = 60
# The longest rest the practice offers; anything longer in the attributes is not ours.
MAX_REST_SECONDS = 10 * 60
# Quiet between the sentences of the phrase, so each one can land.
PHRASE_SENTENCE_GAP_SECONDS = 3

# Yes/no questions the skill can be waiting on.
QUESTION_BEGIN = "begin"
QUESTION_AGAIN = "again"


@dataclass(frozen=True)
class Reply:
    """What to say, what to say after silence, and whether the session ends."""

    speech: str
    reprompt: str | None = None
    end_session: bool = False
    card_title: str | None = None
    card_text: str | None = None


@dataclass(frozen=True)
class Said:
    """Something the user said, as heard and (when the slot value matched) as resolved."""

    heard: str
    canonical: str | None = None
    id: str | None = None


_PAUSE = re.compile(r"\{pause:(\d+(?:\.\d+)?)\}")
# Turning a person's words towards them: "my grandmother" is said back as "your grandmother".
_POINT_OF_VIEW = {"i": "you", "i'm": "you're", "im": "you're", "me": "you", "my": "your",
                  "mine": "yours", "myself": "yourself", "am": "are", "i've": "you've"}


def from_their_side(words: str) -> str:
    return " ".join(_POINT_OF_VIEW.get(w.lower(), w) for w in words.split())


def render(template: str, **user_words: str) -> str:
    """Turn a speech template into an SSML body: pauses become breaks, user words are escaped."""
    body = _PAUSE.sub(lambda m: silence(float(m.group(1))), template)
    for name, value in user_words.items():
        body = body.replace("{" + name + "}", spoken(value))
    return body


class Practice:
    """One person's way through the practice, kept in the session attributes."""

    def __init__(self, session: dict, texts):
        self.session = session
        self.texts = texts

    # --- where we are ---------------------------------------------------------------

    @property
    def step(self) -> str:
        step = self.session.get("step")
        return step if step in STEPS else WELCOME

    @property
    def is_new(self) -> bool:
        return self.session.get("step") not in STEPS

    @property
    def question(self) -> str | None:
        return self.session.get("question")

    def _move_to(self, step: str, question: str | None = None) -> None:
        self.session["step"] = step
        if question:
            self.session["question"] = question
        else:
            self.session.pop("question", None)

    @property
    def presence(self) -> str | None:
        return self.session.get("presence")

    @property
    def rest_seconds(self) -> int:
        seconds = self.session.get("rest_seconds")
        # Attributes come back from the client: a stale or forged length must not become hours of breaks.
        if isinstance(seconds, int) and not isinstance(seconds, bool) and 0 < seconds <= MAX_REST_SECONDS:
            return seconds
        return DEFAULT_REST_SECONDS

    def _reply(self, body: str, reprompt: str | None = None, **extra) -> Reply:
        return Reply(speak(body), speak(render(reprompt)) if reprompt else None, **extra)

    # --- the steps --------------------------------------------------------------------

    def welcome(self) -> Reply:
        self._move_to(WELCOME, QUESTION_BEGIN)
        return self._reply(render(self.texts.WELCOME), self.texts.WELCOME_REPROMPT)

    def pause(self) -> Reply:
        """Step 1."""
        self._move_to(PAUSE)
        return self._reply(render(self.texts.PAUSE), self.texts.PAUSE_REPROMPT)

    def ask_feeling(self) -> Reply:
        """Step 2."""
        self._move_to(FEELING)
        return self._reply(render(self.texts.ASK_FEELING), self.texts.ASK_FEELING_REPROMPT)

    def name_feeling(self, feeling: Said | None) -> Reply:
        """Step 2 answered (or left unnamed), then steps 3 and 4: the question and the silence."""
        if feeling and feeling.heard:
            # Kept only for this session, to speak back; never stored or logged.
            self.session["feeling"] = feeling.heard
            reflection = render(self.texts.REFLECT_FEELING, feeling=from_their_side(feeling.heard))
        else:
            self.session.pop("feeling", None)
            reflection = render(self.texts.REFLECT_UNNAMED)
        self._move_to(PRESENCE)
        return self._reply(reflection + silence(1) + render(self.texts.ASK_PRESENCE),
                           self.texts.ASK_PRESENCE_REPROMPT)

    def name_presence(self, presence: Said | None) -> Reply:
        """Step 4 answered (or skipped), then step 5: the phrase."""
        if presence and presence.heard:
            self.session["presence"] = from_their_side(presence.heard)
            if presence.canonical:
                self.session["presence_id"] = presence.id or presence.canonical
            welcome = render(self.texts.WELCOME_PRESENCE, presence=self.presence)
        else:
            self.session.pop("presence", None)
            self.session.pop("presence_id", None)
            welcome = render(self.texts.NO_PRESENCE)
        return self._phrase(welcome + silence(2))

    def phrase(self) -> Reply:
        """Step 5, again or on request."""
        return self._phrase("")

    def _phrase(self, before: str) -> Reply:
        self._move_to(PHRASE, QUESTION_AGAIN)
        body = before + render(self.texts.PHRASE_INTRO) + self._the_phrase() + silence(2)
        return self._reply(body + render(self.texts.ASK_AGAIN_OR_REST),
                           self.texts.ASK_AGAIN_OR_REST_REPROMPT,
                           card_title=self.texts.PHRASE_CARD_TITLE,
                           card_text=self.texts.PHRASE_CARD_TEXT)

    def _the_phrase(self) -> str:
        gap = silence(PHRASE_SENTENCE_GAP_SECONDS)
        # Slower still than the rest of the practice: these words are the heart of it.
        return "".join(f'<prosody rate="85%">{s}</prosody>{gap}' for s in self.texts.PHRASE_SENTENCES)

    def phrase_only(self) -> Reply:
        """The one-shot "ask shared compassion for the phrase": the words, kindly framed, then goodbye."""
        body = render(self.texts.PHRASE_ONLY_INTRO) + self._the_phrase() + render(self.texts.PHRASE_ONLY_CLOSE)
        return Reply(speak(body), end_session=True,
                     card_title=self.texts.PHRASE_CARD_TITLE, card_text=self.texts.PHRASE_CARD_TEXT)

    def rest(self) -> Reply:
        """Step 6: quiet, then a gentle close. The session ends here."""
        if self.presence:
            close = render(self.texts.CLOSE_WITH_PRESENCE, presence=self.presence)
        else:
            close = render(self.texts.CLOSE)
        body = render(self.texts.REST_INTRO) + silence(self.rest_seconds) + close
        self._move_to(PHRASE)
        return Reply(speak(body), end_session=True)

    # --- answers that mean different things at different steps ------------------------

    def begin(self) -> Reply:
        if self.step == WELCOME:
            return self.pause()
        return self.fallback()

    def ready(self) -> Reply:
        """ "I'm ready": go on to whatever comes next from here."""
        return {
            WELCOME: self.pause,
            PAUSE: self.ask_feeling,
            FEELING: self.ask_feeling,
            PRESENCE: self.fallback,
            PHRASE: self.rest,
        }[self.step]()

    def skip(self) -> Reply:
        return {
            WELCOME: self.pause,
            PAUSE: self.ask_feeling,
            FEELING: lambda: self.name_feeling(None),
            PRESENCE: lambda: self.name_presence(None),
            PHRASE: self.rest,
        }[self.step]()

    def not_sure(self) -> Reply:
        """ "I don't know", "I'm not sure", "I'd rather not say": always a fine answer."""
        return {
            WELCOME: self.fallback,
            PAUSE: lambda: self.name_feeling(None),
            FEELING: lambda: self.name_feeling(None),
            PRESENCE: lambda: self.name_presence(None),
            PHRASE: self.fallback,
        }[self.step]()

    def yes(self) -> Reply:
        if self.question == QUESTION_BEGIN:
            return self.pause()
        if self.question == QUESTION_AGAIN:
            return self.phrase()
        return self.ready()

    def no(self) -> Reply:
        if self.question == QUESTION_BEGIN:
            return Reply(speak(render(self.texts.NOT_NOW)), end_session=True)
        if self.question == QUESTION_AGAIN:
            return self.rest()
        return self.not_sure()

    def start_over(self) -> Reply:
        for key in ("feeling", "presence", "presence_id"):
            self.session.pop(key, None)
        return self.pause()

    # --- help, fallback, repeat, leaving ------------------------------------------------

    def help(self) -> Reply:
        where = self.texts.HELP_BY_STEP[self.step]
        return self._reply(render(self.texts.HELP_INTRO) + render(where), where)

    def fallback(self) -> Reply:
        again = self.texts.FALLBACK_BY_STEP[self.step]
        return self._reply(render(again), again)

    def repeat(self) -> Reply:
        last = self.session.get("last_speech")
        if not is_own_speech(last):  # nothing said yet, or attributes we did not write
            return self.fallback()
        reprompt = self.session.get("last_reprompt")
        return Reply(last, reprompt if is_own_speech(reprompt) else None)

    def goodbye(self) -> Reply:
        return Reply(speak(render(self.texts.GOODBYE)), end_session=True)

    def remember_last(self, reply: Reply) -> None:
        """Keep what was just said, so "say that again" can say it again."""
        if not reply.end_session:
            self.session["last_speech"] = reply.speech
            self.session["last_reprompt"] = reply.reprompt
