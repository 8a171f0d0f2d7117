"""What each move of the dialog says and does. Where each answer leads is skill/dialog.py.

A move names what it says, in order. A name is the text of that name in skill/speech/en.py
(`pause` says PAUSE, `ask_presence` says ASK_PRESENCE), or a method here when saying it does
more: reads a slot's words, keeps a presence, shows a card, asks the store. Where a step speaks:
  launch    welcome, welcome_back, welcome_back_with_presence()      WELCOME, WELCOME_BACK...
  step 1    pause                                                    PAUSE
  step 2    ask_feeling                                              ASK_FEELING
  step 3-4  reflect_feeling(), ask_presence                          REFLECT_FEELING, ASK_PRESENCE
  step 5    welcome_presence(), phrase()                             WELCOME_PRESENCE, PHRASE_INTRO
  step 6    rest(), close(), close_and_ask_remember()                REST_INTRO, CLOSE, ASK_REMEMBER
  danger    crisis(), immediate_danger(), medical_emergency(), someone_else(), violence(),
            panic_grounding()                                        CRISIS_*, IMMEDIATE_*, ...

`Practice.answer(intent, slots)` looks the move up in the dialog table, says its parts in order
(each is SSML), moves the session to the state the table says, and returns the Reply.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import dialog
from .memory import Memory
from .safety import SEXUAL, assess, crisis_line, is_heavy, support_lines
from .session_state import MEMORY_KEPT, MEMORY_NONE, SessionState
from .speech import Texts, render, render_text
from .ssml import is_own_speech, silence, speak

STEPS = tuple(sorted({state.step for state in dialog.STATES.values()}))

DEFAULT_REST_SECONDS = 60
# The rest lengths a person can choose ("just a short one", "three minutes", "a longer rest").
REST_SECONDS = {"short": 30, "medium": 60, "long": 180}
# A soft chime from the Alexa Skills Kit sound library, at the start and end of the rest
# (https://developer.amazon.com/en-US/docs/alexa/custom-skills/ask-soundlibrary.html).
BELL_SOUND = "soundbank://soundlibrary/musical/amzn_sfx_bell_med_chime_02"
# Quiet between the sentences of the phrase, so each one can land.
PHRASE_SENTENCE_GAP_SECONDS = 3
# How a session closed, when a screen should show more than goodbye (skill/apl/).
RESTING, PHRASE_ONLY, CRISIS = "rest", "phrase", "crisis"


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


# --- Saying a person's words back, only where they are a short answer of the expected shape -------
# "my nan" is said back as "your nan", "kind of numb" as "kind of numb"; a sentence ("my brother
# wants to die", "I was raped") never is: a flipped sentence is rarely grammatical and never ours
# to repeat. These words mark a sentence rather than a name or a feeling.
_SENTENCE_WORDS = frozenset(
    "i i'm im i've i'd i'll me am is are was were be been being he she they it it's we you him her them "
    "his their its want wants wanted to not no don't can't cannot won't have has had do does did will would "
    "should could going gonna said says told think thinks keep keeps got gets get if because "
    "what who why how when where there that this".split())
_FEELING_LEAD = re.compile(r"^(?:i feel|i'm feeling|im feeling|i am feeling|feeling|i'm|im|i am|just)\s+")
_MAX_SAID_BACK_WORDS = 4
_POINT_OF_VIEW = {"my": "your", "mine": "yours", "myself": "yourself", "our": "your"}


def _short_answer(words: str) -> str | None:
    """`words` as a short answer in the person's own voice, or None for anything sentence-like."""
    words = words.replace("’", "'").split()
    lower = [word.lower() for word in words]
    if not words or len(words) > _MAX_SAID_BACK_WORDS or not re.fullmatch(r"[a-z' -]+", " ".join(lower)):
        return None
    if any(word in _SENTENCE_WORDS for word in lower):
        return None
    return " ".join(_POINT_OF_VIEW.get(low, word) for word, low in zip(words, lower))


def feeling_said_back(feeling: Said) -> str | None:
    short = _short_answer(_FEELING_LEAD.sub("", feeling.heard.lower().strip()))
    return short or (feeling.canonical if feeling.id else None)


def presence_said_back(presence: Said, spoken_by_id) -> str | None:
    """ "my nan" -> "your nan"; a resolved "god" -> "God"; a sentence -> None."""
    short = _short_answer(presence.heard)
    if presence.id and not (short or "").startswith("your "):
        return spoken_by_id.get(presence.id) or short or presence.canonical
    return short


def _words_of(heard: str) -> list[str]:
    return re.sub(r"[^a-z' ]+", " ", heard.lower()).split()


def _has_feeling_words(heard: str) -> bool:
    """Any word of what was heard is a feeling the model knows ("lonely and tired", "a bit flat")."""
    from .slot_words import FEELING_WORDS

    words = _words_of(heard)
    spans = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 3) + 1)}
    return bool(spans & FEELING_WORDS)


def _names_a_presence(heard: str) -> bool:
    """What was heard is, or ends with, a presence the model knows ("my cousin's dog", "warmth")."""
    from .slot_words import PRESENCE_WORDS

    words = _words_of(heard)
    return any(" ".join(words[i:]) in PRESENCE_WORDS for i in range(len(words)))


class Practice:
    """One request's turn of the practice: the session's state, the words, and the person's memory."""

    def __init__(self, state: SessionState, texts: Texts, memory: Memory | None = None,
                 locale: str | None = None):
        self.state = state
        self.texts = texts
        self.memory = memory or Memory()
        self.locale = locale
        self.slots: dict[str, Said] = {}
        self._card: dict = {}

    # --- where we are ---------------------------------------------------------------------------

    @property
    def state_name(self) -> str:
        return dialog.state_named(self.state.step, self.state.question)

    @property
    def step(self) -> str:
        """The step of the practice (shown on screens); a session that has not begun is at the welcome."""
        return dialog.STATES[self.state_name].screen or dialog.STATES[self.state_name].step

    @property
    def is_new(self) -> bool:
        return self.state_name == "new"

    @property
    def closed_with(self) -> str | None:
        return self.state.closed_with

    def _move_to(self, state_name: str) -> None:
        state = dialog.STATES[state_name]
        self.state.step, self.state.question = state.step, state.question

    # --- the one dispatch -------------------------------------------------------------------------

    def answer(self, intent: str, slots: dict[str, Said] | None = None) -> Reply:
        """The reply to `intent` (with what was said in its slots) in the session's state."""
        self.slots = slots or {}
        here = self.state_name
        move = next(option for option in dialog.alternatives(here, intent)
                    if option.when is None or getattr(self, option.when)())
        body = "".join(self._say(say) for say in move.says)
        if move.to == dialog.END:
            reply = Reply(speak(body), end_session=True, **self._card)
        else:
            to = here if move.to == dialog.SAME else move.to
            self._move_to(to)
            reply = Reply(speak(body), speak(render(self.texts.REPROMPT[to], **self._line_values())), **self._card)
            self.state.last_speech, self.state.last_reprompt = reply.speech, reply.reprompt
        return reply

    def _say(self, name: str) -> str:
        """A move's words: the Practice method of that name when saying them does more (a slot's
        words, a card, the store); otherwise simply the text of that name (`pause` says PAUSE)."""
        method = getattr(self, name, None)
        return method() if method else render(getattr(self.texts, name.upper()), **self._line_values())

    # --- guards -----------------------------------------------------------------------------------

    def has_remembered_presence(self) -> bool:
        return self._recall() and self.state.remembered_id is not None

    def is_remembered(self) -> bool:
        return self._recall()

    def presence_invited(self) -> bool:
        """Invited again at launch: it is already here; no need to ask who or what."""
        return bool(self.state.invited and self.state.presence)

    def may_offer_to_remember(self) -> bool:
        """Once a session, only for a presence the model resolved (never free text), not already kept."""
        return (self.state.presence_id is not None and self.state.presence_id != self.state.remembered_id
                and not self.state.offered_to_remember)

    def presence_not_a_feeling(self) -> bool:
        """Heard as a presence at the feeling step: a presence the model knows, with no feeling word in it."""
        said = self.slots.get("presence")
        return bool(said) and said.id is not None and not _has_feeling_words(said.heard)

    def feeling_not_a_presence(self) -> bool:
        """Heard as a feeling at the presence step: feeling words ("lonely and tired"), and no presence."""
        said = self.slots.get("feeling")
        return bool(said) and _has_feeling_words(said.heard) and not _names_a_presence(said.heard)

    def length_not_understood(self) -> bool:
        """ "A fortnight": not one of the lengths offered, so it is asked again."""
        said = self.slots.get("length")
        return not (said and said.id and said.id.lower() in REST_SECONDS)

    # --- launch -----------------------------------------------------------------------------------

    def _recall(self) -> bool:
        """Ask the store once a session what it keeps; True when it keeps something."""
        if self.state.memory is None:
            kept = self.memory.recall()
            self.state.memory = MEMORY_KEPT if kept else MEMORY_NONE
            if kept:
                self.state.rest = kept.rest if kept.rest in REST_SECONDS else self.state.rest
                self.state.bell = kept.bell if isinstance(kept.bell, bool) else self.state.bell
                self.state.remembered_id, self.state.remembered_name = kept.presence_id, kept.presence_name
        return self.state.memory == MEMORY_KEPT

    def _remembered(self) -> str:
        return self.texts.PRESENCE_SPOKEN.get(self.state.remembered_id) or self.state.remembered_name or ""



    def welcome_back_with_presence(self) -> str:
        return render(self.texts.WELCOME_BACK_WITH_PRESENCE, presence=self._remembered())

    def invite_again(self) -> str:
        """Yes: last time's presence is here again, before the practice begins."""
        self._keep_presence(self._remembered(), self.state.remembered_id, self.state.remembered_name)
        return self._invited()

    def invite_named(self) -> str:
        """ "No, my grandfather this time": the one named now is invited instead."""
        said = self.slots.get("presence")
        if said is None or not presence_said_back(said, self.texts.PRESENCE_SPOKEN):
            return ""
        self._keep_said_presence(said)
        return self._invited()

    def _invited(self) -> str:
        self.state.invited = True
        return render(self.texts.INVITED_AGAIN, presence=self.state.presence) + silence(1)



    # --- steps 1 to 4 -----------------------------------------------------------------------------



    def reflect_feeling(self) -> str:
        said = self.slots.get("feeling")
        if said is None:
            return self.reflect_no_feeling()
        heavy = is_heavy(said.heard, said.id)
        words = feeling_said_back(said)
        self.state.feeling = words  # for this session only; never stored or logged
        if heavy:
            self._help_card_once()
            template = self.texts.REFLECT_HEAVY_FEELING if words else self.texts.REFLECT_HEAVY_UNSPOKEN
        else:
            template = self.texts.REFLECT_FEELING if words else self.texts.REFLECT_UNSPOKEN
        return render(template, feeling=words or "") + silence(1)

    def reflect_no_feeling(self) -> str:
        self.state.feeling = None
        return render(self.texts.REFLECT_UNNAMED) + silence(1)

    def presence_words_as_feeling(self) -> str:
        """At the feeling step, words Alexa heard as a presence are the feeling they named."""
        said = self.slots.pop("presence", None)
        if said:
            self.slots["feeling"] = Said(said.heard)
        return ""

    def feeling_words_as_presence(self) -> str:
        """At the presence step, words Alexa heard as a feeling are the presence they named."""
        said = self.slots.pop("feeling", None)
        if said:
            self.slots["presence"] = Said(said.heard)
        return ""


    # --- step 5 -----------------------------------------------------------------------------------

    def _keep_presence(self, words: str | None, value_id: str | None = None, name: str | None = None) -> None:
        """For this session only; kept beyond it only on the person's yes at the close."""
        self.state.presence = words
        self.state.presence_id, self.state.presence_name = (value_id, name) if value_id and name else (None, None)

    def _keep_said_presence(self, said: Said) -> None:
        self._keep_presence(presence_said_back(said, self.texts.PRESENCE_SPOKEN), said.id, said.canonical)

    def welcome_presence(self) -> str:
        said = self.slots.get("presence")
        if said is not None:
            self._keep_said_presence(said)
        if said is not None and not self.state.presence:
            return render(self.texts.WELCOME_UNSPOKEN_PRESENCE) + silence(2)
        if not self.state.presence:
            return self.no_presence()
        return render(self.texts.WELCOME_PRESENCE, presence=self.state.presence) + silence(2)

    def no_presence(self) -> str:
        self._keep_presence(None)
        return render(self.texts.NO_PRESENCE) + silence(2)

    def _the_phrase(self) -> str:
        gap = silence(PHRASE_SENTENCE_GAP_SECONDS)
        # Slower still than the rest of the practice: these words are the heart of it.
        return "".join(f'<prosody rate="85%">{s}</prosody>{gap}' for s in self.texts.PHRASE_SENTENCES)

    def _phrase_card(self) -> None:
        self._card = {"card_title": self.texts.PHRASE_CARD_TITLE, "card_text": self.texts.PHRASE_CARD_TEXT}

    def phrase(self) -> str:
        self._phrase_card()
        return (render(self.texts.PHRASE_INTRO) + self._the_phrase() + silence(2)
                + render(self.texts.ASK_AGAIN_OR_REST))

    def phrase_only(self) -> str:
        """The one-shot "ask shared compassion for the phrase": the words, kindly framed, then goodbye."""
        self.state.closed_with = PHRASE_ONLY
        self._phrase_card()
        return render(self.texts.PHRASE_ONLY_INTRO) + self._the_phrase() + render(self.texts.PHRASE_ONLY_CLOSE)

    # --- step 6 and the close ---------------------------------------------------------------------

    def rest(self) -> str:
        self.state.closed_with = RESTING
        bell = f'<audio src="{BELL_SOUND}"/>' if self.state.bell is not False else ""
        seconds = REST_SECONDS.get(self.state.rest, DEFAULT_REST_SECONDS)
        if self.state.memory != MEMORY_NONE:
            # Counts only for someone who asked to be remembered: the store never creates a record here.
            self.memory.count_practice()
        return render(self.texts.REST_INTRO) + bell + silence(seconds) + bell

    def close(self) -> str:
        if self.state.presence:
            return render(self.texts.CLOSE_WITH_PRESENCE, presence=self.state.presence)
        return render(self.texts.CLOSE)

    def close_and_ask_remember(self) -> str:
        self.state.offered_to_remember = True
        return (render(self.texts.CLOSE_BEFORE_ASKING, presence=self.state.presence)
                + render(self.texts.ASK_REMEMBER, presence=self.state.presence))

    def remember(self) -> str:
        if self.state.presence_id is None:  # nothing resolved to keep (the question is not asked then)
            return render(self.texts.WILL_NOT_REMEMBER)
        if not self.memory.remember(self.state.presence_id, self.state.presence_name,
                                    self.state.rest, self.state.bell):
            return render(self.texts.REMEMBER_FAILED)  # the store is unreachable: promise nothing
        self.state.memory = MEMORY_KEPT
        self.state.remembered_id, self.state.remembered_name = self.state.presence_id, self.state.presence_name
        self.memory.count_practice()  # the practice that has just ended is their first
        return render(self.texts.WILL_REMEMBER, presence=self.state.presence)


    # --- choices, anywhere ------------------------------------------------------------------------

    def choose_rest(self) -> str:
        """ "A longer rest", "three minutes", "just a short one"."""
        said = self.slots.get("length")
        length = said.id.lower() if said and said.id else None
        if length not in REST_SECONDS:
            return render(self.texts.REST_CHOICES) + silence(1)
        self.state.rest = length
        self._update_memory(rest=length)
        return render(self.texts.REST_CHOSEN[length]) + silence(1)

    def bell_on(self) -> str:
        return self._choose_bell(True)

    def bell_off(self) -> str:
        return self._choose_bell(False)

    def _choose_bell(self, bell: bool) -> str:
        self.state.bell = bell
        self._update_memory(bell=bell)
        return render(self.texts.BELL_ON if bell else self.texts.BELL_OFF) + silence(1)

    def _update_memory(self, **choice) -> None:
        if self.state.memory == MEMORY_KEPT:
            self.memory.update(**choice)

    def forget(self) -> str:
        """ "Forget me", "delete my data": everything kept for this person goes, and they hear so."""
        if not self.memory.forget():
            return render(self.texts.FORGET_FAILED) + silence(1)
        self.state.remembered_id = self.state.remembered_name = None
        self.state.invited = self.state.offered_to_remember = self.state.rest = self.state.bell = None
        self.state.memory = MEMORY_NONE
        return render(self.texts.FORGOTTEN) + silence(1)

    def start_over(self) -> str:
        self.state.forget_answers()
        return ""

    # --- help, re-asking, repeating, leaving ------------------------------------------------------

    def re_ask(self) -> str:
        return render(self.texts.RE_ASK[self.state_name], **self._line_values())

    def help(self) -> str:
        return render(self.texts.HELP_INTRO) + render(self.texts.HELP[self.state_name], **self._line_values())

    def learn_more(self) -> str:
        """What this is, why self-compassion alone can feel lonely, and what it is not; then on."""
        return render(self.texts.LEARN_MORE) + silence(1)

    def repeat(self) -> str:
        """What was said last, again. Only speech the skill wrote: attributes come back from the client."""
        last = self.state.last_speech
        if not is_own_speech(last):  # checked here, not on every request: only a replay needs it
            return self.re_ask()
        body = last[len("<speak>"):-len("</speak>")]
        wrapped_at_pace = speak("")[len("<speak>"):-len("</speak>")]  # the pace speak() gives every reply
        opening, closing = wrapped_at_pace.split("><", 1)[0] + ">", "<" + wrapped_at_pace.split("><", 1)[1]
        if body.startswith(opening) and body.endswith(closing):
            body = body[len(opening):-len(closing)]
        return body


    # --- crisis care ------------------------------------------------------------------------------
    # Someone said something that sounds like they might harm themselves. We say so kindly, give the
    # line for their locale by voice and on a card, are honest that we cannot call anyone, and offer a
    # slow breath together or a kind ending. Their words are never repeated, stored or logged.

    def _line_values(self) -> dict:
        line = crisis_line(self.locale)
        return {"line_name": line.name, "line_hours": line.hours, "name": line.name, "hours": line.hours,
                "call": line.call, "emergency": line.emergency, "text": line.text or "",
                "other_call": line.other_call or "", "email": line.email or ""}

    def _crisis_card(self) -> None:
        line, values = crisis_line(self.locale), self._line_values()
        parts = [self.texts.CRISIS_CARD_CALL]
        parts += [self.texts.CRISIS_CARD_TEXT] if line.text else []
        parts += [self.texts.CRISIS_CARD_OTHER_CALL] if line.other_call else []
        parts += [self.texts.CRISIS_CARD_EMAIL] if line.email else []
        parts += [self.texts.CRISIS_CARD_EMERGENCY, self.texts.CRISIS_CARD_HONEST]
        self._card = {"card_title": self.texts.CRISIS_CARD_TITLE,
                      "card_text": "\n".join(render_text(part, **values) for part in parts)}

    def _help_card_once(self) -> None:
        """For heavy feelings: the line, mentioned once a session, lightly, on the card only."""
        if self.state.help_offered:
            return
        self.state.help_offered = True
        self._card = {"card_title": self.texts.HEAVY_CARD_TITLE,
                      "card_text": render_text(self.texts.HEAVY_CARD_TEXT, **self._line_values())}

    def crisis_line(self) -> str:
        """The line, by voice and on the card: its number, the other ways to reach it, the emergency number."""
        line, values = crisis_line(self.locale), self._line_values()
        self._crisis_card()
        body = render(self.texts.CRISIS_LINE, **values)
        if line.text:
            body += render(self.texts.CRISIS_TEXT_OPTION, **values)
        if line.other_call:
            body += render(self.texts.CRISIS_OTHER_CALL, **values)
        return body + render(self.texts.CRISIS_EMERGENCY, **values)

    def crisis(self) -> str:
        """Crisis language heard, at any step: acknowledge, the line, honesty, and an offer."""
        self.state.feeling = None
        self.state.help_offered = True
        return (render(self.texts.CRISIS_ACKNOWLEDGE) + self.crisis_line() + render(self.texts.CRISIS_HONEST)
                + render(self.texts.CRISIS_OFFER))

    def crisis_question(self) -> str:
        return self.re_ask()


    def breathe_together(self) -> str:
        """Yes, stay: one slow breath together, the number once more, then their choice."""
        self._crisis_card()
        return (render(self.texts.CRISIS_BREATH) + render(self.texts.CRISIS_REOFFER, **self._line_values())
                + render(self.texts.CRISIS_GO_ON))


    def crisis_goodbye(self) -> str:
        """No, or stop: a kind goodbye, the number said once more and left on the card."""
        self.state.closed_with = CRISIS  # screens keep the number up, not a cheerful farewell
        self._crisis_card()
        return render(self.texts.CRISIS_GOODBYE, **self._line_values())

    # --- danger of every other kind ---------------------------------------------------------------
    # Each is met at once, at whatever step it is voiced (skill/dialog.py ALWAYS): the numbers by voice
    # and on a card, honest that the skill cannot call anyone; their words are never said back.

    def _danger_values(self) -> dict:
        lines, values = support_lines(self.locale), self._line_values()
        for prefix, line in (("abuse", lines.domestic_abuse), ("assault", lines.sexual_assault)):
            if line:
                values.update({f"{prefix}_name": line.name, f"{prefix}_hours": line.hours,
                               f"{prefix}_call": line.call, f"{prefix}_text": line.text or "",
                               f"{prefix}_keyword": line.text_keyword or ""})
        return values

    def _danger_card(self, title: str, *parts: str) -> None:
        values = self._danger_values()
        self._card = {"card_title": title, "card_text": "\n".join(render_text(part, **values) for part in parts)}

    def _heard_danger(self) -> None:
        self.state.feeling = None
        self.state.help_offered = True

    def immediate_danger(self) -> str:
        self._heard_danger()
        self._danger_card(self.texts.DANGER_CARD_TITLE, self.texts.IMMEDIATE_CARD_TEXT)
        return render(self.texts.IMMEDIATE_DANGER, **self._line_values())

    def immediate_again(self) -> str:
        self._danger_card(self.texts.DANGER_CARD_TITLE, self.texts.IMMEDIATE_CARD_TEXT)
        return render(self.texts.IMMEDIATE_AGAIN, **self._line_values())

    def immediate_goodbye(self) -> str:
        self.state.closed_with = CRISIS
        self._danger_card(self.texts.DANGER_CARD_TITLE, self.texts.IMMEDIATE_CARD_TEXT)
        return render(self.texts.IMMEDIATE_GOODBYE, **self._line_values())

    def medical_emergency(self) -> str:
        self._heard_danger()
        self.state.closed_with = CRISIS  # the screen keeps the number up
        self._danger_card(self.texts.DANGER_CARD_TITLE, self.texts.MEDICAL_CARD_TEXT)
        return render(self.texts.MEDICAL_EMERGENCY, **self._line_values())

    def someone_else(self) -> str:
        self._heard_danger()
        self._danger_card(self.texts.SOMEONE_ELSE_CARD_TITLE, self.texts.SOMEONE_ELSE_CARD_TEXT)
        return render(self.texts.SOMEONE_ELSE, **self._line_values())


    def someone_else_goodbye(self) -> str:
        self.state.closed_with = CRISIS
        self._danger_card(self.texts.SOMEONE_ELSE_CARD_TITLE, self.texts.SOMEONE_ELSE_CARD_TEXT)
        return render(self.texts.SOMEONE_ELSE_GOODBYE, **self._line_values())

    def violence(self) -> str:
        self._heard_danger()
        # Someone who says they were raped hears the sexual-assault line first.
        self.state.assault_first = self.state.assault_first or any(
            assess(said.heard).family == SEXUAL for said in self.slots.values())
        return render(self.texts.VIOLENCE_BELIEVE) + self.violence_lines()

    def sexual_assault(self) -> str:
        """Said outright as its own intent: the words of violence follow, with the sexual-assault line first."""
        self.state.assault_first = True
        return ""

    def violence_lines(self) -> str:
        """The locale's abuse and sexual-assault lines (or the crisis line where there is no national
        one), the emergency number, and once, plainly, that the device may keep what was said."""
        lines, values, texts = support_lines(self.locale), self._danger_values(), self.texts
        said, card = "", []
        # Where one national line serves both (1800RESPECT, India's 181) it is said once.
        assault = lines.sexual_assault
        if assault and lines.domestic_abuse and assault.call.display == lines.domestic_abuse.call.display:
            assault = None
        if assault and self.state.assault_first:
            said += render(texts.VIOLENCE_ASSAULT_LINE, **values)
            card.append(texts.VIOLENCE_CARD_ASSAULT)
        if lines.domestic_abuse:
            said += render(texts.VIOLENCE_ABUSE_LINE, **values)
            card.append(texts.VIOLENCE_CARD_ABUSE)
            if lines.domestic_abuse.text_keyword and lines.domestic_abuse.text:
                said += render(texts.VIOLENCE_ABUSE_TEXT_KEYWORD, **values)
                card.append(texts.VIOLENCE_CARD_ABUSE_TEXT_KEYWORD)
            elif lines.domestic_abuse.text:
                said += render(texts.VIOLENCE_ABUSE_TEXT, **values)
                card.append(texts.VIOLENCE_CARD_ABUSE_TEXT)
        if assault and not self.state.assault_first:
            said += render(texts.VIOLENCE_ASSAULT_LINE, **values)
            card.append(texts.VIOLENCE_CARD_ASSAULT)
        if not (lines.domestic_abuse or lines.sexual_assault):
            said += render(texts.VIOLENCE_NO_NATIONAL_LINE, **values)
            card.append(texts.VIOLENCE_CARD_NO_NATIONAL_LINE)
        said += render(texts.VIOLENCE_EMERGENCY, **values)
        card += [texts.VIOLENCE_CARD_EMERGENCY, texts.VIOLENCE_CARD_VOICE_HISTORY]
        if not self.state.history_noted:
            self.state.history_noted = True
            said += render(texts.VIOLENCE_VOICE_HISTORY)
        self._danger_card(texts.VIOLENCE_CARD_TITLE, *card)
        return said




    def violence_goodbye(self) -> str:
        self.state.closed_with = CRISIS
        self.violence_lines()  # the lines stay on the card
        return render(self.texts.VIOLENCE_GOODBYE, **self._line_values())

    def panic_grounding(self) -> str:
        self.state.feeling = None
        self._danger_card(self.texts.PANIC_CARD_TITLE, self.texts.PANIC_CARD_TEXT)
        return render(self.texts.PANIC_GROUNDING)



