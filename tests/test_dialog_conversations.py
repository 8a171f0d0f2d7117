"""Random conversations of any length, held through the simulator, and what must hold after every turn.

A hypothesis state machine talks to POST /alexa (the Flask test client) as a person might: it opens
the skill, says any intent of the model with listed, unlisted, empty or danger words in its slots,
stays silent (the reprompt plays, then Alexa ends the session), asks in one shot, and now and then
the attributes it carries come back forged. After every turn:
- no apology and no server error, and every response passes the response validator;
- the phrase is said whole and word for word whenever any sentence of it is said, and only where it
  belongs: in the phrase step, as the one-shot's goodbye, or when a reply that had it is repeated;
- a crisis step is left only with its line offered again (a goodbye with the number) or, after the
  breath that re-offered the line, by "yes" to going on gently;
- the session ends, and moves, only where skill/dialog.py says it may.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule, run_state_machine_as_test

from conftest import LOCALES, load_model
from skill import dialog, envelopes
from skill.handlers import danger_intent
from skill.safety import crisis_line
from skill.session_state import SessionState
from skill.simulator.session import ClientTarget, Simulator
from skill.speech import texts_for
from skill.ssml import plain_text
from strategies import stale_attributes

# Fixed, word for word: the heart of the practice.
THE_PHRASE = ("This is painful.", "You don't have to hold it alone.", "I'm with you.", "And something larger is with us.")
SAID_WHOLE = re.compile(r"\s*(?:\[pause [\d.]+s\]\s*)*".join(re.escape(sentence) for sentence in THE_PHRASE))
CRISIS_STEP = "crisis"
UNLISTED = ["the old garden gate", "kind of foggy", "a fortnight", "biscuit the cat", "um", "yes no maybe"]
DANGER_SENTENCES = Path(__file__).parent / "data" / "crisis_evaluation.yaml"
# Conversations as long as a person might hold one; the profile ("ci", or "fuzz") sets how many, and
# since each is quick, this test holds a few times that many.
STEPS_PER_CONVERSATION = 50
CONVERSATIONS_PER_PROFILE_EXAMPLE = 3


@lru_cache(maxsize=None)
def danger_sentences() -> tuple[str, ...]:
    """What people say when they might harm themselves, written by hand (the detector's evaluation set)."""
    return tuple(yaml.safe_load(DANGER_SENTENCES.read_text(encoding="utf-8"))["explicit"])


@lru_cache(maxsize=None)
def slots_of(locale: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """For each intent of the model: its slots, and the words each slot's type lists."""
    model = load_model(locale)
    listed = {t["name"]: tuple(word for value in t["values"]
                               for word in [value["name"]["value"], *value["name"].get("synonyms", [])])
              for t in model["types"]}
    return {intent["name"]: {slot["name"]: listed.get(slot["type"], ()) for slot in intent.get("slots", [])}
            for intent in model["intents"]}


def slot_words(listed: tuple[str, ...]):
    """Listed words as often as all the rest (a resolved presence is what the close asks to remember)."""
    listed_words = st.sampled_from(listed) if listed else st.nothing()
    return st.one_of(listed_words, listed_words, listed_words, st.sampled_from(UNLISTED),
                     st.text(alphabet="abcdefghijklmnopqrstuvwxyz '", max_size=30), st.none(),
                     st.sampled_from(danger_sentences()))


@lru_cache(maxsize=None)
def moving_on(state_name: str) -> tuple[str, ...]:
    """The intents the table leads on from `state_name` to another state (not the end: that comes by itself)."""
    if state_name not in dialog.STATES:
        return ()
    return tuple(intent for intent, options in dialog.moves_of(state_name).items()
                 if any(option.to not in (dialog.SAME, dialog.END, state_name) for option in options))


def state_of(attributes: dict | None) -> str:
    """The state the skill reads from these attributes (forged or stale ones dropped, as it drops them)."""
    state = SessionState.from_attributes(attributes)
    return dialog.state_named(state.step, state.question)


@dataclass
class Exchange:
    """One request and its answer, as the checks need them."""

    request_type: str
    before: str               # the state the skill was in, by the attributes it was sent
    asked: str | None         # what the table answers: LaunchRequest, or the intent as the skill reads it
    carried: dict             # the attributes the request carried
    response: dict | None
    warnings: list
    error: str
    speech: str = ""          # SSML
    ended: bool = False
    crisis_problem: str | None = None

    @property
    def after(self) -> str:
        return dialog.END if self.ended else state_of((self.response or {}).get("sessionAttributes"))


class Conversations(RuleBasedStateMachine):
    def __init__(self, client):
        super().__init__()
        self.client = client
        self.exchanges: list[Exchange] = []   # the requests of this turn (none when only the reprompt played)
        self.heard: list[str] = []            # this turn's speech as heard, including a reprompt after silence
        self.crisis_forged = False            # the crisis step came from forged attributes, not from danger
        self.line_said_in_crisis = False
        self.breath_reoffered_line = False

    @initialize(locale=st.sampled_from(LOCALES))
    def meet_someone(self, locale):
        self.locale = locale
        self.texts = texts_for(locale)
        self.line = crisis_line(locale)
        self.sim = Simulator(ClientTarget(self.client), locale=locale)
        self.sim.new_user()  # memory of one conversation never leaks into another

    # --- what a person does ------------------------------------------------------------------------

    # A new session begins when none is open (a session is left by silence, or by what the table ends on).
    @precondition(lambda self: not self.sim.in_session)
    @rule()
    def launch(self):
        self._begin_turn()
        self._record(self.sim.send(envelopes.launch_request(), new_session=True))

    @precondition(lambda self: self.sim.in_session)
    @rule(data=st.data())
    def say_an_intent(self, data):
        self._begin_turn()
        self._record(self._intent(data))

    @precondition(lambda self: self.sim.in_session)
    @rule()
    def stay_silent(self):
        self._begin_turn()
        turn = self.sim.silence()
        if turn.request is None:  # the reprompt plays; nothing is sent
            self.heard.append(turn.speech_ssml)
        else:
            self._record(turn)

    @precondition(lambda self: not self.sim.in_session)
    @rule(data=st.data())
    def ask_in_one_shot(self, data):
        self._begin_turn()
        self._record(self._intent(data))  # no session is open: the intent opens a new one

    @precondition(lambda self: self.sim.in_session)
    @rule(data=st.data(), forged=stale_attributes)
    def forged_attributes_come_back(self, data, forged):
        self._begin_turn()
        was = self._last_state()
        self.sim.attributes = {**self.sim.attributes, **forged}
        now = state_of(self.sim.attributes)
        if _step(now) == CRISIS_STEP and now != was:
            self.crisis_forged = True  # no danger was voiced: what the crisis step promises is not owed here
        self._record(self._intent(data))

    def _intent(self, data):
        """Mostly what moves the conversation on from here (or it would rarely get far), else anything."""
        anything = sorted(slots_of(self.locale))
        onward = [intent for intent in moving_on(self._last_state()) if intent in slots_of(self.locale)]
        onward_or_anything = st.sampled_from(onward) if onward else st.nothing()
        intent = data.draw(st.one_of(onward_or_anything, onward_or_anything, st.sampled_from(anything)), label="intent")
        words = {slot: data.draw(slot_words(listed), label=slot) for slot, listed in slots_of(self.locale)[intent].items()}
        return self.sim.intent(intent, **words)

    # --- keeping track -----------------------------------------------------------------------------

    def _begin_turn(self):
        self.exchanges, self.heard = [], []

    def _last_state(self) -> str:
        return state_of(self.sim.attributes) if self.sim.in_session else dialog.END

    def _record(self, turn):
        request = turn.request["request"]
        carried = (turn.request.get("session") or {}).get("attributes") or {}
        asked = None
        if request["type"] == "LaunchRequest":
            asked = dialog.LAUNCH
        elif request["type"] == "IntentRequest":
            words = [slot.get("value") for slot in (request["intent"].get("slots") or {}).values()]
            asked = danger_intent(words) or request["intent"]["name"]
        speech = turn.speech_ssml if request["type"] != "SessionEndedRequest" else ""
        exchange = Exchange(request["type"], state_of(carried), asked, carried, turn.response, turn.warnings,
                            turn.error, speech, turn.ended)
        if not exchange.error:
            exchange.crisis_problem = self._follow_crisis(exchange)
        self.exchanges.append(exchange)
        self.heard.append(speech)

    def _follow_crisis(self, exchange: Exchange) -> str | None:
        """What is wrong with how this exchange left a crisis step, if anything; then where the crisis stands."""
        was, now = _step(exchange.before), _step(exchange.after)
        said_line = self.line.call.ssml in exchange.speech or (
            # leaving for another kind of danger, or ending on a medical emergency: its own numbers are said
            now in OTHER_DANGER_STEPS or self.line.emergency.ssml in exchange.speech)
        problem = None
        if was == CRISIS_STEP and now != CRISIS_STEP and not self.crisis_forged:
            if exchange.request_type == "SessionEndedRequest":
                # Silence, or leaving for a new launch: nothing can be said now, so the line must have been.
                if not self.line_said_in_crisis:
                    problem = "the crisis step ended without the line ever said"
            elif exchange.ended:
                if not said_line:
                    problem = f"{exchange.asked} ended the crisis step without the line's number"
            elif now in OTHER_DANGER_STEPS and said_line:
                pass  # another kind of danger voiced in the crisis: met with its own care and numbers
            elif not (exchange.before == "crisis_go_on" and exchange.asked == dialog.YES):
                problem = f"{exchange.asked} in {exchange.before} left the crisis step for {exchange.after}"
            elif not self.breath_reoffered_line:
                problem = "went on from the crisis step without the breath re-offering the line"
        if now == CRISIS_STEP and was != CRISIS_STEP:
            self.crisis_forged, self.line_said_in_crisis, self.breath_reoffered_line = False, said_line, False
        elif was == CRISIS_STEP:
            self.line_said_in_crisis = self.line_said_in_crisis or said_line
            if exchange.before == "crisis" and exchange.after == "crisis_go_on":
                self.breath_reoffered_line = said_line
        return problem

    # --- after every turn --------------------------------------------------------------------------

    @invariant()
    def no_apology_and_no_server_error(self):
        for exchange in self.exchanges:
            assert not exchange.error, exchange.error
            assert self.texts.ERROR not in plain_text(exchange.speech), f"{exchange.asked} in {exchange.before}: the apology"

    @invariant()
    def every_response_passes_the_validator(self):
        for exchange in self.exchanges:
            assert exchange.warnings == [], "\n".join(map(str, exchange.warnings))

    @invariant()
    def the_phrase_is_said_whole_and_only_where_it_belongs(self):
        for speech in self.heard:
            text = plain_text(speech)
            if any(sentence in text for sentence in THE_PHRASE):
                assert SAID_WHOLE.search(text), f"the phrase was not said whole, word for word: {text[:600]}"
        for exchange in self.exchanges:
            text = plain_text(exchange.speech)
            if not any(sentence in text for sentence in THE_PHRASE):
                continue
            in_the_phrase_step = exchange.after == "phrase"
            one_shot = exchange.before == "new" and exchange.asked == dialog.PHRASE and exchange.ended
            repeated = exchange.asked == dialog.REPEAT and any(
                sentence in plain_text(str(exchange.carried.get("last_speech", ""))) for sentence in THE_PHRASE)
            assert in_the_phrase_step or one_shot or repeated, (
                f"the phrase said out of place: {exchange.asked} in {exchange.before} -> {exchange.after}")

    @invariant()
    def the_phrase_is_said_on_coming_to_the_phrase_step(self):
        for exchange in self.exchanges:
            if exchange.response is not None and exchange.after == "phrase" and exchange.before != "phrase":
                assert SAID_WHOLE.search(plain_text(exchange.speech)), f"{exchange.asked} in {exchange.before}"

    @invariant()
    def a_crisis_step_is_never_left_unkindly(self):
        for exchange in self.exchanges:
            assert exchange.crisis_problem is None, f"{exchange.crisis_problem}: {plain_text(exchange.speech)[:400]}"

    @invariant()
    def the_session_ends_and_moves_only_where_the_table_says(self):
        for exchange in self.exchanges:
            if exchange.asked is None or exchange.response is None:
                continue
            options = dialog.alternatives(exchange.before, exchange.asked)
            leads_to = {exchange.before if option.to == dialog.SAME else option.to for option in options}
            assert exchange.after in leads_to, (
                f"{exchange.asked} in {exchange.before} led to {exchange.after}; the table allows {sorted(leads_to)}")
            if exchange.ended:
                continue
            assert (exchange.response["response"].get("reprompt") or {}).get("outputSpeech"), "open, with no reprompt"


# Steps that hold someone in danger of another kind, each with its own numbers (skill/dialog.py).
OTHER_DANGER_STEPS = {"immediate", "someone_else", "violence", "panic"}


def _step(state_name: str) -> str | None:
    return dialog.STATES[state_name].step if state_name in dialog.STATES else None


def test_random_conversations_keep_the_dialogs_promises(client):
    run_state_machine_as_test(lambda: Conversations(client),
                              settings=settings(settings.default, stateful_step_count=STEPS_PER_CONVERSATION,
                                                max_examples=settings.default.max_examples * CONVERSATIONS_PER_PROFILE_EXAMPLE))
