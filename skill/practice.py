"""The practice itself: its steps, what each one says, and where each answer leads.

A person's place in the practice lives in the session attributes, so every
request can pick up where the last one left off. The handlers (handlers.py)
only translate Alexa's requests into calls on `Practice`; the words come from
skill/speech/.

Steps, in order (the method that speaks each one, and its words in skill/speech/en.py):
  welcome   launch: a short welcome and "shall we begin?"       welcome()       WELCOME
  pause     step 1: settle somewhere safe, in silence           pause()         PAUSE
  feeling   step 2: "how are you feeling right now?"            ask_feeling()   ASK_FEELING
  presence  steps 3 and 4: "who or what can sit with me?",      name_feeling()  ASK_PRESENCE
            then silence (asked right after the feeling)
  phrase    step 5: the shared-compassion phrase                _phrase()       PHRASE_SENTENCES
  (rest)    step 6: quiet, then a gentle close (session ends)   rest()          REST_INTRO, CLOSE
  crisis    not a step of the practice: someone said something that sounds like they might
            harm themselves. The practice holds; the crisis line is given; a slow breath or
            a kind goodbye is offered (see "crisis care" below).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, wraps
from xml.sax.saxutils import escape

from .memory import Memory
from .safety import crisis_line, is_heavy
from .ssml import is_own_speech, silence, speak, spoken

WELCOME, PAUSE, FEELING, PRESENCE, PHRASE = "welcome", "pause", "feeling", "presence", "phrase"
CRISIS = "crisis"
STEPS = (WELCOME, PAUSE, FEELING, PRESENCE, PHRASE, CRISIS)

DEFAULT_REST_SECONDS = 60
# The rest lengths a person can choose ("just a short one", "three minutes", "a longer rest").
REST_SECONDS = {"short": 30, "medium": 60, "long": 180}
# A soft chime from the Alexa Skills Kit sound library, at the start and end of the rest
# (https://developer.amazon.com/en-US/docs/alexa/custom-skills/ask-soundlibrary.html).
BELL_SOUND = "soundbank://soundlibrary/musical/amzn_sfx_bell_med_chime_02"
# Quiet between the sentences of the phrase, so each one can land.
PHRASE_SENTENCE_GAP_SECONDS = 3

# How a session closed, when a screen should show more than goodbye (skill/apl/).
RESTING = "rest"

# Yes/no questions the skill can be waiting on.
QUESTION_BEGIN = "begin"
QUESTION_AGAIN = "again"
QUESTION_SAME_PRESENCE = "same_presence"   # returning user: "invite the sky again?"
QUESTION_REMEMBER = "remember"             # "shall I remember the sky for next time?"

# What the session knows about the store: a record is kept, or there is none.
MEMORY_KEPT, MEMORY_NONE = "kept", "none"

# In the crisis step: "a slow breath together, or end here?", then "go on gently, or end here?"
QUESTION_BREATHE = "breathe"
QUESTION_GO_ON = "go_on"


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


def holds_in_crisis(step_method):
    """In the crisis step, the practice does not carry on as if nothing was said: re-offer instead."""

    @wraps(step_method)
    def held(self, *args, **kwargs):
        if self.step == CRISIS:
            return self.crisis_fallback()
        return step_method(self, *args, **kwargs)

    return held


# Templates are the fixed texts of skill/speech/ (user words are added after), so this cache stays
# small: each template's {pause:N} markers are turned into breaks once per process, not per request.
@lru_cache(maxsize=512)
def _with_breaks(template: str) -> str:
    return _PAUSE.sub(lambda m: silence(float(m.group(1))), template)


def render(template: str, **user_words: str) -> str:
    """Turn a speech template into an SSML body: pauses become breaks, user words are escaped.

    {name} is the user's words as they are; {Name} the same at the start of a sentence.
    """
    body = _with_breaks(template)
    for name, value in user_words.items():
        words = spoken(value)
        body = body.replace("{" + name.capitalize() + "}", words[:1].upper() + words[1:])
        body = body.replace("{" + name + "}", words)
    return body


class Practice:
    """One person's way through the practice, kept in the session attributes."""

    def __init__(self, session: dict, texts, memory: Memory | None = None, locale: str | None = None):
        self.session = session
        self.texts = texts
        self.memory = memory or Memory()
        self.locale = locale

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
    def closed_with(self) -> str | None:
        """What the session ended on, if more than a goodbye: the phrase alone, or the rest."""
        return self.session.get("closed_with")

    @property
    def presence(self) -> str | None:
        return self.session.get("presence")

    @property
    def rest_seconds(self) -> int:
        # Attributes come back from the client: only a length the practice offers is taken.
        rest = self.session.get("rest")
        return REST_SECONDS[rest] if isinstance(rest, str) and rest in REST_SECONDS else DEFAULT_REST_SECONDS

    @property
    def bell(self) -> bool:
        return self.session.get("bell", True) is not False

    def _reply(self, body: str, reprompt: str | None = None, **extra) -> Reply:
        return Reply(speak(body), speak(render(reprompt)) if reprompt else None, **extra)

    # --- the steps --------------------------------------------------------------------

    def welcome(self) -> Reply:
        """Launch: the full introduction the first time; a returning person hears what was kept."""
        kept = self.memory.recall()
        self.session["memory"] = MEMORY_KEPT if kept else MEMORY_NONE
        if kept and kept.rest is not None:
            self.session["rest"] = kept.rest
        if kept and kept.bell is not None:
            self.session["bell"] = kept.bell
        if kept and kept.presence_id:
            self.session["remembered"] = {"id": kept.presence_id, "name": kept.presence_name}
            self._move_to(WELCOME, QUESTION_SAME_PRESENCE)
            return self._reply(render(self.texts.WELCOME_BACK_WITH_PRESENCE, presence=self._remembered_said().heard),
                               self.texts.WELCOME_BACK_WITH_PRESENCE_REPROMPT)
        self._move_to(WELCOME, QUESTION_BEGIN)
        if kept:
            return self._reply(render(self.texts.WELCOME_BACK), self.texts.WELCOME_REPROMPT)
        return self._reply(render(self.texts.WELCOME), self.texts.WELCOME_REPROMPT)

    @holds_in_crisis
    def pause(self, before: str = "") -> Reply:
        """Step 1."""
        self._move_to(PAUSE)
        return self._reply(before + render(self.texts.PAUSE), self.texts.PAUSE_REPROMPT)

    def _remembered_said(self) -> Said:
        """Last time's presence, as if said again: its id and name, spoken kindly."""
        remembered = self.session.get("remembered") or {}
        name = remembered.get("name", "")
        return Said(heard=self.texts.PRESENCE_SPOKEN.get(remembered.get("id"), name),
                    canonical=name or None, id=remembered.get("id"))

    def invite_again(self, presence: Said | None = None) -> Reply:
        """A returning person accepts last time's presence (or names another) before the practice."""
        if presence is None:
            presence = self._remembered_said()
        if not presence.heard:
            return self.pause()
        self._keep_presence(presence)
        self.session["invited"] = True
        return self.pause(render(self.texts.INVITED_AGAIN, presence=self.presence) + silence(1))

    @holds_in_crisis
    def ask_feeling(self) -> Reply:
        """Step 2."""
        self._move_to(FEELING)
        return self._reply(render(self.texts.ASK_FEELING), self.texts.ASK_FEELING_REPROMPT)

    @holds_in_crisis
    def name_feeling(self, feeling: Said | None) -> Reply:
        """Step 2 answered (or left unnamed), then steps 3 and 4: the question and the silence."""
        card = {}
        if feeling and feeling.heard:
            # Kept only for this session, to speak back; never stored or logged.
            self.session["feeling"] = feeling.heard
            heavy = is_heavy(feeling.heard, feeling.id)
            template = self.texts.REFLECT_HEAVY_FEELING if heavy else self.texts.REFLECT_FEELING
            reflection = render(template, feeling=from_their_side(feeling.heard))
            if heavy:
                card = self._help_card_once()
        else:
            self.session.pop("feeling", None)
            reflection = render(self.texts.REFLECT_UNNAMED)
        self._move_to(PRESENCE)
        if self.session.get("invited") and self.presence:
            # Invited at launch: it is already here; no need to ask who or what.
            return self._with_presence(reflection + silence(1))
        return self._reply(reflection + silence(1) + render(self.texts.ASK_PRESENCE),
                           self.texts.ASK_PRESENCE_REPROMPT, **card)

    @holds_in_crisis
    def name_presence(self, presence: Said | None) -> Reply:
        """Step 4 answered (or skipped), then step 5: the phrase (after "shall I remember it?")."""
        if self.step == WELCOME and self.question == QUESTION_SAME_PRESENCE:
            return self.invite_again(presence)  # "choose another": named before the practice began
        if presence and presence.heard:
            self._keep_presence(presence)
            return self._with_presence("")
        self.session.pop("presence", None)
        self.session.pop("presence_id", None)
        self.session.pop("presence_name", None)
        return self._phrase(render(self.texts.NO_PRESENCE) + silence(2))

    def _keep_presence(self, presence: Said) -> None:
        """For this session only; kept beyond it only on the person's yes."""
        self.session["presence"] = from_their_side(presence.heard)
        if presence.canonical and presence.id:
            self.session["presence_id"] = presence.id
            self.session["presence_name"] = presence.canonical
        else:
            self.session.pop("presence_id", None)
            self.session.pop("presence_name", None)

    def _with_presence(self, before: str) -> Reply:
        welcome = before + render(self.texts.WELCOME_PRESENCE, presence=self.presence) + silence(2)
        if self._may_offer_to_remember():
            self.session["offered_to_remember"] = True
            self._move_to(PRESENCE, QUESTION_REMEMBER)
            return self._reply(welcome + render(self.texts.ASK_REMEMBER, presence=self.presence),
                               self.texts.ASK_REMEMBER_REPROMPT)
        return self._phrase(welcome)

    def _may_offer_to_remember(self) -> bool:
        """Once a session, only for a presence the model resolved (never free text), not already kept."""
        presence_id = self.session.get("presence_id")
        remembered = (self.session.get("remembered") or {}).get("id")
        return bool(presence_id) and presence_id != remembered and not self.session.get("offered_to_remember")

    def answer_remember(self, consent: bool) -> Reply:
        if consent and not self.session.get("presence_id"):
            consent = False  # nothing resolved to keep (the question should not have been asked)
        if consent:
            kept = self.memory.remember(self.session["presence_id"], self.session["presence_name"],
                                        self.session.get("rest"), self.session.get("bell"))
            if kept:
                self.session["memory"] = MEMORY_KEPT
                self.session["remembered"] = {"id": self.session["presence_id"],
                                              "name": self.session["presence_name"]}
                before = render(self.texts.WILL_REMEMBER, presence=self.presence)
            else:
                # The store is unreachable: say nothing alarming, and promise nothing.
                before = render(self.texts.ALRIGHT)
        else:
            before = render(self.texts.WILL_NOT_REMEMBER)
        return self._phrase(before + silence(2))

    @holds_in_crisis
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
        self.session["closed_with"] = PHRASE
        return Reply(speak(body), end_session=True,
                     card_title=self.texts.PHRASE_CARD_TITLE, card_text=self.texts.PHRASE_CARD_TEXT)

    @holds_in_crisis
    def rest(self) -> Reply:
        """Step 6: quiet, then a gentle close. The session ends here."""
        self.session["closed_with"] = RESTING
        if self.presence:
            close = render(self.texts.CLOSE_WITH_PRESENCE, presence=self.presence)
        else:
            close = render(self.texts.CLOSE)
        bell = f'<audio src="{BELL_SOUND}"/>' if self.bell else ""
        body = render(self.texts.REST_INTRO) + bell + silence(self.rest_seconds) + bell + close
        if self.session.get("memory") != MEMORY_NONE:
            # Counts only for someone who asked to be remembered: the store never creates a record here.
            self.memory.count_practice()
        return Reply(speak(body), end_session=True)

    def choose_rest(self, length: str | None) -> Reply:
        """ "A longer rest", "three minutes", "just a short one"."""
        if length not in REST_SECONDS:
            again = self.texts.REST_CHOICES
            return self._reply(render(again), again)
        self.session["rest"] = length
        return self._after_choice(render(self.texts.REST_CHOSEN[length]), rest=length)

    def choose_bell(self, bell: bool) -> Reply:
        """ "No bell" (or "with the bell"): the chime at the start and end of the rest."""
        self.session["bell"] = bell
        return self._after_choice(render(self.texts.BELL_ON if bell else self.texts.BELL_OFF), bell=bell)

    def _after_choice(self, said: str, **choice) -> Reply:
        if self.session.get("memory") == MEMORY_KEPT:
            self.memory.update(**choice)
        if self.step == PHRASE:
            return self.rest()
        return self._continue(said)

    def _continue(self, before: str) -> Reply:
        """Say `before`, then pick the practice up again where it was."""
        if self.question == QUESTION_SAME_PRESENCE:
            self._move_to(WELCOME, QUESTION_BEGIN)
        again = self.texts.FALLBACK_BY_STEP[self.step]
        return self._reply(before + silence(1) + render(again), again)

    def forget(self) -> Reply:
        """ "Forget me", "delete my data": everything kept for this person goes, and they hear so."""
        if not self.memory.forget():
            return self._reply(render(self.texts.FORGET_FAILED), self.texts.FALLBACK_BY_STEP[self.step])
        for key in ("remembered", "invited", "offered_to_remember", "rest", "bell"):
            self.session.pop(key, None)
        self.session["memory"] = MEMORY_NONE
        if self.is_new:
            return Reply(speak(render(self.texts.FORGOTTEN)), end_session=True)
        return self._continue(render(self.texts.FORGOTTEN))

    # --- answers that mean different things at different steps ------------------------

    @holds_in_crisis
    def begin(self) -> Reply:
        if self.step == WELCOME:
            return self.pause()
        return self.fallback()

    @holds_in_crisis
    def ready(self) -> Reply:
        """ "I'm ready": go on to whatever comes next from here."""
        return {
            WELCOME: self.pause,
            PAUSE: self.ask_feeling,
            FEELING: self.ask_feeling,
            PRESENCE: self.fallback,
            PHRASE: self.rest,
        }[self.step]()

    @holds_in_crisis
    def skip(self) -> Reply:
        if self.question == QUESTION_REMEMBER:
            return self.answer_remember(False)
        return {
            WELCOME: self.pause,
            PAUSE: self.ask_feeling,
            FEELING: lambda: self.name_feeling(None),
            PRESENCE: lambda: self.name_presence(None),
            PHRASE: self.rest,
        }[self.step]()

    @holds_in_crisis
    def not_sure(self) -> Reply:
        """ "I don't know", "I'm not sure", "I'd rather not say": always a fine answer."""
        if self.question == QUESTION_REMEMBER:
            return self.answer_remember(False)
        return {
            WELCOME: self.fallback,
            PAUSE: lambda: self.name_feeling(None),
            FEELING: lambda: self.name_feeling(None),
            PRESENCE: lambda: self.name_presence(None),
            PHRASE: self.fallback,
        }[self.step]()

    def yes(self) -> Reply:
        if self.step == CRISIS:
            return self.breathe_together() if self.question == QUESTION_BREATHE else self.go_on_gently()
        if self.question == QUESTION_BEGIN:
            return self.pause()
        if self.question == QUESTION_SAME_PRESENCE:
            return self.invite_again()
        if self.question == QUESTION_REMEMBER:
            return self.answer_remember(True)
        if self.question == QUESTION_AGAIN:
            return self.phrase()
        return self.ready()

    def no(self) -> Reply:
        if self.step == CRISIS:
            return self.crisis_goodbye()
        if self.question == QUESTION_BEGIN:
            return Reply(speak(render(self.texts.NOT_NOW)), end_session=True)
        if self.question == QUESTION_SAME_PRESENCE:
            self._move_to(WELCOME, QUESTION_BEGIN)
            return self._reply(render(self.texts.NOT_AGAIN), self.texts.WELCOME_REPROMPT)
        if self.question == QUESTION_REMEMBER:
            return self.answer_remember(False)
        if self.question == QUESTION_AGAIN:
            return self.rest()
        return self.not_sure()

    @holds_in_crisis
    def start_over(self) -> Reply:
        for key in ("feeling", "presence", "presence_id", "presence_name", "invited"):
            self.session.pop(key, None)
        return self.pause()

    # --- help, fallback, repeat, leaving ------------------------------------------------

    def _pending_question(self) -> str | None:
        """A question asked outside the steps' own flow ("shall I remember...?"), to ask again."""
        return {QUESTION_REMEMBER: self.texts.ASK_REMEMBER_REPROMPT,
                QUESTION_SAME_PRESENCE: self.texts.WELCOME_BACK_WITH_PRESENCE_REPROMPT}.get(self.question)

    def help(self) -> Reply:
        if self.step == CRISIS:
            return self.crisis_number()
        where, pending = self.texts.HELP_BY_STEP[self.step], self._pending_question()
        body = render(self.texts.HELP_INTRO) + render(where)
        if pending:
            body += silence(1) + render(pending)
        return self._reply(body, pending or where)

    def fallback(self) -> Reply:
        if self.step == CRISIS:
            return self.crisis_fallback()
        again = self._pending_question() or self.texts.FALLBACK_BY_STEP[self.step]
        return self._reply(render(again), again)

    def repeat(self) -> Reply:
        if self.step == PHRASE:
            return self.phrase()  # after the phrase, "say that again" means the words
        last = self.session.get("last_speech")
        if not is_own_speech(last):  # nothing said yet, or attributes we did not write
            return self.fallback()
        reprompt = self.session.get("last_reprompt")
        return Reply(last, reprompt if is_own_speech(reprompt) else None)

    def goodbye(self) -> Reply:
        if self.step == CRISIS:
            return self.crisis_goodbye()
        return Reply(speak(render(self.texts.GOODBYE)), end_session=True)

    def remember_last(self, reply: Reply) -> None:
        """Keep what was just said, so "say that again" can say it again."""
        if not reply.end_session:
            self.session["last_speech"] = reply.speech
            self.session["last_reprompt"] = reply.reprompt

    # --- honest framing ------------------------------------------------------------------

    @holds_in_crisis
    def learn_more(self) -> Reply:
        """What this is, why self-compassion alone can feel lonely, and what it is not; then on."""
        where = self.texts.FALLBACK_BY_STEP[self.step]
        return self._reply(render(self.texts.LEARN_MORE) + silence(1) + render(where), where)

    # --- crisis care ------------------------------------------------------------------------
    # Someone said something that sounds like they might harm themselves. We say so kindly,
    # give the line for their locale by voice and on a card, are honest that we cannot call
    # anyone, and offer a slow breath together or a kind ending. Their words are never
    # repeated, stored or logged.

    def _with_line(self, template: str) -> str:
        """A crisis template as SSML, with the locale's line and numbers put in."""
        line = crisis_line(self.locale)
        body = render(template)
        return (body.replace("{line_name}", escape(line.name)).replace("{line_hours}", escape(line.hours))
                .replace("{call}", line.call.ssml).replace("{emergency}", line.emergency.ssml))

    def _line_options(self) -> str:
        """The other ways to reach the line: by text, or by another number."""
        line = crisis_line(self.locale)
        options = ""
        if line.text:
            options += render(self.texts.CRISIS_TEXT_OPTION).replace("{text}", line.text.ssml)
        if line.other_call:
            options += render(self.texts.CRISIS_OTHER_CALL).replace("{other_call}", line.other_call.ssml)
        return options

    def _crisis_card(self) -> dict:
        line = crisis_line(self.locale)
        parts = [self.texts.CRISIS_CARD_CALL.format(name=line.name, call=line.call.display, hours=line.hours)]
        if line.text:
            parts.append(self.texts.CRISIS_CARD_TEXT.format(text=line.text.display))
        if line.other_call:
            parts.append(self.texts.CRISIS_CARD_OTHER_CALL.format(other_call=line.other_call.display))
        if line.email:
            parts.append(self.texts.CRISIS_CARD_EMAIL.format(email=line.email))
        parts.append(self.texts.CRISIS_CARD_EMERGENCY.format(emergency=line.emergency.display))
        parts.append(self.texts.CRISIS_CARD_HONEST)
        return {"card_title": self.texts.CRISIS_CARD_TITLE, "card_text": "\n".join(parts)}

    def _help_card_once(self) -> dict:
        """For heavy feelings: the line, mentioned once a session, lightly, on the card only."""
        if self.session.get("help_offered"):
            return {}
        self.session["help_offered"] = True
        line = crisis_line(self.locale)
        return {"card_title": self.texts.HEAVY_CARD_TITLE,
                "card_text": self.texts.HEAVY_CARD_TEXT.format(name=line.name, call=line.call.display,
                                                               hours=line.hours)}

    def _the_line(self) -> str:
        return self._with_line(self.texts.CRISIS_LINE) + self._line_options() + self._with_line(
            self.texts.CRISIS_EMERGENCY)

    def crisis(self) -> Reply:
        """Crisis language heard, at any step: acknowledge, the line, honesty, and an offer."""
        self.session.pop("feeling", None)
        self.session["help_offered"] = True
        self._move_to(CRISIS, QUESTION_BREATHE)
        body = (render(self.texts.CRISIS_ACKNOWLEDGE) + self._the_line()
                + render(self.texts.CRISIS_HONEST) + render(self.texts.CRISIS_OFFER))
        return self._reply(body, self.texts.CRISIS_OFFER_REPROMPT, **self._crisis_card())

    def breathe_together(self) -> Reply:
        """Yes, stay: one slow breath together, the number once more, then their choice."""
        self._move_to(CRISIS, QUESTION_GO_ON)
        body = render(self.texts.CRISIS_BREATH) + self._with_line(self.texts.CRISIS_REOFFER)
        return self._reply(body + render(self.texts.CRISIS_GO_ON), self.texts.CRISIS_GO_ON_REPROMPT,
                           **self._crisis_card())

    def go_on_gently(self) -> Reply:
        """They want to go on with the practice: gently, from settling."""
        self._move_to(PAUSE)
        return self.pause(before=render(self.texts.CRISIS_GO_ON_GENTLY))

    def crisis_number(self) -> Reply:
        """ "Say the number again": the line, by voice and on the card, then where we were."""
        if self.step == CRISIS:
            ask, reprompt = self._crisis_question()
            body = self._the_line() + render(ask)
            return self._reply(body, reprompt, **self._crisis_card())
        again = self.texts.FALLBACK_BY_STEP[self.step]
        return self._reply(self._the_line() + render(again), again, **self._crisis_card())

    def _crisis_question(self) -> tuple[str, str]:
        if self.question == QUESTION_GO_ON:
            return self.texts.CRISIS_GO_ON, self.texts.CRISIS_GO_ON_REPROMPT
        return self.texts.CRISIS_OFFER, self.texts.CRISIS_OFFER_REPROMPT

    def crisis_fallback(self) -> Reply:
        """In the crisis step, anything else: still here, the choice again, the number one request away."""
        ask, reprompt = self._crisis_question()
        return self._reply(render(self.texts.CRISIS_STILL_HERE) + render(ask), reprompt)

    def crisis_goodbye(self) -> Reply:
        """No, or stop: a kind goodbye, the number said once more and left on the card."""
        self._move_to(CRISIS)
        self.session["closed_with"] = CRISIS  # screens keep the number up, not a cheerful farewell
        return Reply(speak(self._with_line(self.texts.CRISIS_GOODBYE)), end_session=True, **self._crisis_card())
