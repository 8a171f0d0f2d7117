"""The simulator: typed words to requests, the session's life, the validator, transcripts, the CLI."""
import copy
import io
import json
import threading

import pytest
from werkzeug.serving import make_server

from skill import envelopes
from skill.simulator import transcripts, validator
from skill.simulator.cli import main
from skill.simulator.resolver import InteractionModel, normalise
from skill.simulator.session import HttpTarget, InProcessTarget, Simulator, TargetError


@pytest.fixture
def model():
    return InteractionModel.for_locale("en-US")


@pytest.fixture
def sim(app):
    return Simulator(InProcessTarget(app=app))


# --- resolving typed words ---------------------------------------------------------------


@pytest.mark.parametrize("said", ["open shared compassion", "Alexa, launch Shared Compassion.",
                                  "start shared compassion", "talk to shared compassion", "ask shared compassion"])
def test_launch_phrases(model, said):
    assert model.resolve(said, in_session=False).kind == "launch"


def test_one_shots(model):
    start = model.resolve("ask shared compassion to start", in_session=False)
    assert (start.kind, start.intent, start.one_shot) == ("intent", "BeginIntent", True)
    feeling = model.resolve("tell shared compassion I feel anxious", in_session=False)
    assert feeling.intent == "FeelingIntent" and feeling.slots["feeling"].canonical == "anxious"
    assert model.resolve("ask shared compassion for the phrase", in_session=False).intent == "PhraseIntent"


def test_words_without_the_invocation_name_go_nowhere_outside_a_session(model):
    assert model.resolve("I feel anxious", in_session=False).kind == "none"


def test_contractions_case_and_punctuation_are_normalised(model):
    assert normalise("I'm NOT sure, really!") == "i am not sure really"
    assert normalise("Don't") == normalise("do not")
    assert model.match_intent("I Do Not Know.").intent == "NotSureIntent"
    assert model.match_intent("i am ready").intent == model.match_intent("I'm ready!").intent == "ReadyIntent"


def test_listed_synonym_resolves_to_canonical_value_and_id(model):
    heard = model.match_intent("I'm really lonely")
    slot = heard.slots["feeling"]
    assert (slot.value, slot.canonical, slot.id) == ("lonely", "alone", "ALONE")


def test_unlisted_value_passes_through_unresolved(model):
    slot = model.match_intent("I feel squiffy").slots["feeling"]
    assert slot.value == "squiffy" and slot.canonical is None


def test_multi_word_slot_values(model):
    heard = model.match_intent("I'm thinking of my best friend")
    assert heard.intent == "PresenceIntent"
    assert heard.slots["presence"].value == "my best friend"
    assert heard.slots["presence"].canonical == "best friend"


def test_most_literal_words_win(model):
    # "i am {feeling}" would catch "not sure" as a feeling; the all-literal sample says more.
    assert model.match_intent("I'm not sure").intent == "NotSureIntent"
    assert model.match_intent("I'm thinking of the sea").intent == "PresenceIntent"


def test_resolved_values_break_ties(model):
    # "{feeling}" and "{presence}" both take one word; the slot that lists it wins.
    assert model.match_intent("grandma").intent == "PresenceIntent"
    assert model.match_intent("heartbroken").intent == "FeelingIntent"


def test_a_bare_slot_sample_does_not_swallow_anything(model):
    # "play" belongs to BellIntent's samples: such words are not taken into a slot.
    assert model.match_intent("play some jazz").intent == "AMAZON.FallbackIntent"
    assert model.match_intent("say the compassion bit").intent != "PresenceIntent"


def test_custom_slots_are_open_even_where_the_sample_is_the_bare_slot(model):
    heard = model.match_intent("my piano tuner")
    assert heard.intent == "PresenceIntent"
    assert (heard.slots["presence"].value, heard.slots["presence"].canonical) == ("my piano tuner", None)
    assert model.match_intent("squiffy").intent == "FeelingIntent"


def test_a_bare_slot_holding_a_value_goes_by_the_value_that_comes_first(model):
    # "worried" starts the words, "my mum" comes later: a feeling about someone, not a presence.
    assert model.match_intent("worried about my mum").intent == "FeelingIntent"


def test_unmatched_slot_words_are_sent_as_er_success_no_match(sim):
    sim.say("open shared compassion")
    turn = sim.say("my piano tuner")
    slot = turn.request["request"]["intent"]["slots"]["presence"]
    assert slot["value"] == "my piano tuner"
    assert slot["resolutions"]["resolutionsPerAuthority"][0]["status"]["code"] == "ER_SUCCESS_NO_MATCH"


def test_explain_shows_the_candidates_and_why_one_won(capsys):
    assert main(["--explain", "my piano tuner"]) == 0
    screen = capsys.readouterr().out
    assert "1. PresenceIntent(presence='my piano tuner' (no match))" in screen
    assert "2. FeelingIntent" in screen
    assert "won: PresenceIntent over FeelingIntent: more how much the slot type's values share" in screen


def test_explain_with_nothing_that_fits_names_the_fallback(capsys):
    assert main(["--explain", "play some jazz"]) == 0
    assert "no sample fits: AMAZON.FallbackIntent" in capsys.readouterr().out


@pytest.mark.parametrize("said, intent", [("never mind", "AMAZON.CancelIntent"), ("say that again", "AMAZON.RepeatIntent"),
                                          ("start over", "AMAZON.StartOverIntent"), ("go home", "AMAZON.NavigateHomeIntent"),
                                          ("help", "AMAZON.HelpIntent"), ("stop", "AMAZON.StopIntent"),
                                          ("yes", "AMAZON.YesIntent"), ("no", "AMAZON.NoIntent")])
def test_built_in_phrases(model, said, intent):
    assert model.match_intent(said).intent == intent


def test_built_ins_not_in_the_model_are_not_offered(model):
    assert "AMAZON.PauseIntent" not in model.intents
    assert model.match_intent("pause").intent != "AMAZON.PauseIntent"


def test_fillers_at_the_edges(model):
    assert model.match_intent("um skip please").intent == "SkipIntent"


def test_without_a_fallback_intent_nothing_is_sent():
    source = json.loads(json.dumps(InteractionModel.for_locale("en-US").intents))
    intents = [i for name, i in source.items() if name != "AMAZON.FallbackIntent"]
    bare = InteractionModel({"invocationName": "shared compassion", "intents": intents, "types": []})
    assert bare.match_intent("play some jazz").kind == "none"


# --- the session -----------------------------------------------------------------------------


def test_envelopes_are_faithful(sim):
    first = sim.say("open shared compassion")
    second = sim.say("I'm ready")
    body = second.request
    assert body["version"] == "1.0"
    assert body["session"]["new"] is False and first.request["session"]["new"] is True
    assert body["session"]["sessionId"] == first.request["session"]["sessionId"]
    assert body["session"]["attributes"] == first.response["sessionAttributes"]
    assert body["context"]["System"]["user"]["userId"] == envelopes.DEFAULT_USER_ID
    assert body["context"]["System"]["device"]["supportedInterfaces"] == {}
    assert body["request"]["locale"] == "en-US" and body["request"]["timestamp"].endswith("Z")
    assert body["request"]["intent"]["confirmationStatus"] == "NONE"


def test_every_declared_slot_is_sent_and_resolutions_carry_the_authority(sim):
    sim.say("open shared compassion")
    turn = sim.say("I feel nervous")
    slot = turn.request["request"]["intent"]["slots"]["feeling"]
    resolution = slot["resolutions"]["resolutionsPerAuthority"][0]
    assert resolution["status"]["code"] == "ER_SUCCESS_MATCH"
    assert resolution["values"][0]["value"] == {"name": "anxious", "id": "ANXIOUS"}
    assert resolution["authority"].endswith(".FEELING_TYPE")
    skip = sim.say("skip")
    assert skip.request["request"]["intent"]["slots"] == {}


def test_silence_plays_the_reprompt_then_ends_the_session(sim):
    sim.say("open shared compassion")
    first = sim.say("")
    assert first.request is None and "Would you like to begin?" in first.text and not first.ended
    second = sim.say("")
    assert second.request["request"] == {**second.request["request"], "type": "SessionEndedRequest",
                                         "reason": "EXCEEDED_MAX_REPROMPTS"}
    assert second.ended and not sim.in_session


def test_words_between_silences_reset_the_count(sim):
    sim.say("open shared compassion")
    sim.say("")
    sim.say("help")
    assert sim.say("").request is None  # the reprompt again, not the end


def test_exit_ends_the_session_user_initiated(sim):
    sim.say("open shared compassion")
    turn = sim.say("Quit")
    assert turn.request["request"]["reason"] == "USER_INITIATED" and not sim.in_session


def test_should_end_session_true_ends_and_the_next_launch_is_a_new_session(sim):
    first = sim.say("open shared compassion")
    assert sim.say("stop").ended
    again = sim.say("open shared compassion")
    assert again.request["session"]["new"] is True
    assert again.request["session"]["sessionId"] != first.request["session"]["sessionId"]
    assert again.request["session"]["attributes"] == {}


def test_the_turn_reads_like_speech(sim):
    sim.say("open shared compassion")
    sim.say("yes")
    sim.say("I'm ready")
    sim.say("I feel anxious")
    turn = sim.say("my grandmother")
    assert "[pause 3s]" in turn.text and "<" not in turn.text
    assert turn.seconds > 20
    assert turn.card.title and "This is painful." in turn.card.text
    assert turn.reprompt and not turn.ended and turn.warnings == []


def test_new_user_changes_the_user_id(sim):
    before = sim.user_id
    sim.new_user()
    assert sim.user_id != before and sim.user_id.startswith("amzn1.ask.account.")


class ScriptedSkill:
    """A stand-in skill that answers with whatever the test queues, and keeps what it was sent."""

    def __init__(self, *responses):
        self.responses = list(responses)
        self.received = []

    def __call__(self, envelope):
        self.received.append(copy.deepcopy(envelope))
        return self.responses.pop(0)


def _response(ssml="<speak>Okay.</speak>", ends=False, directives=None):
    response = {"outputSpeech": {"type": "SSML", "ssml": ssml}, "shouldEndSession": ends}
    if directives:
        response = {"outputSpeech": {"type": "SSML", "ssml": ssml}, "directives": directives}
    return {"version": "1.0", "sessionAttributes": {}, "response": response}


def _feeling_intent(value=None):
    slot = {"name": "feeling", "confirmationStatus": "NONE"}
    if value:
        slot["value"] = value
    return {"name": "FeelingIntent", "confirmationStatus": "NONE", "slots": {"feeling": slot}}


def test_elicit_slot_takes_the_next_words_as_the_slot(model):
    skill = ScriptedSkill(_response(),
                          _response("<speak>How do you feel?</speak>", directives=[
                              {"type": "Dialog.ElicitSlot", "slotToElicit": "feeling", "updatedIntent": _feeling_intent()}]),
                          _response())
    sim = Simulator(skill, model=model)
    sim.say("open shared compassion")
    sim.say("I feel")  # no sample fits: whatever intent, the skill asks for the slot
    sim.say("ashamed")
    request = skill.received[-1]["request"]
    assert request["dialogState"] == "IN_PROGRESS"
    assert request["intent"]["name"] == "FeelingIntent"
    assert request["intent"]["slots"]["feeling"]["value"] == "ashamed"


def test_confirm_intent_yes_and_no(model):
    ask = _response("<speak>Anxious, is that right?</speak>", directives=[
        {"type": "Dialog.ConfirmIntent", "updatedIntent": _feeling_intent("anxious")}])
    skill = ScriptedSkill(_response(), ask, _response(), ask, _response())
    sim = Simulator(skill, model=model)
    sim.say("open shared compassion")
    sim.say("I feel anxious")
    sim.say("yes")
    assert skill.received[-1]["request"]["intent"]["confirmationStatus"] == "CONFIRMED"
    sim.say("I feel anxious")
    sim.say("no")
    assert skill.received[-1]["request"]["intent"]["confirmationStatus"] == "DENIED"


def test_confirm_slot(model):
    skill = ScriptedSkill(_response(), _response("<speak>Anxious?</speak>", directives=[
        {"type": "Dialog.ConfirmSlot", "slotToConfirm": "feeling", "updatedIntent": _feeling_intent("anxious")}]),
        _response())
    sim = Simulator(skill, model=model)
    sim.say("open shared compassion")
    sim.say("I feel anxious")
    sim.say("yep")
    assert skill.received[-1]["request"]["intent"]["slots"]["feeling"]["confirmationStatus"] == "CONFIRMED"


def test_delegate_sends_the_intent_back_completed(model):
    skill = ScriptedSkill(_response(), _response("<speak></speak>", directives=[
        {"type": "Dialog.Delegate", "updatedIntent": _feeling_intent("anxious")}]),
        _response("<speak>Thank you.</speak>"))
    sim = Simulator(skill, model=model)
    sim.say("open shared compassion")
    turn = sim.say("I feel anxious")
    assert skill.received[-1]["request"]["dialogState"] == "COMPLETED"
    assert "Thank you." in turn.text


def test_a_failing_target_is_reported_not_raised(model):
    def broken(envelope):
        raise TargetError("HTTP 500: boom")

    turn = Simulator(broken, model=model).say("open shared compassion")
    assert turn.error == "HTTP 500: boom"


def test_http_target_talks_to_a_running_server(app):
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        sim = Simulator(HttpTarget(f"http://127.0.0.1:{server.server_port}/alexa"))
        assert "Welcome." in sim.say("open shared compassion").text
        assert "Let's begin by pausing." in sim.say("yes").text
        with pytest.raises(TargetError, match="HTTP 405"):
            HttpTarget(f"http://127.0.0.1:{server.server_port}/health")({})
    finally:
        server.shutdown()


# --- the validator -----------------------------------------------------------------------------


def _valid(ssml="<speak>Hello. How are you?</speak>", **response):
    body = {"outputSpeech": {"type": "SSML", "ssml": ssml},
            "reprompt": {"outputSpeech": {"type": "SSML", "ssml": "<speak>How are you?</speak>"}},
            "shouldEndSession": False}
    body.update(response)
    return {"version": "1.0", "response": body}


def _problems(envelope, locale="en-US", request_type="IntentRequest"):
    return [p.message for p in validator.validate(envelope, locale, request_type)]


def test_a_good_response_has_no_problems():
    assert _problems(_valid()) == []


@pytest.mark.parametrize("ssml, complaint", [
    ("<speak>Hello <break time='11s'/></speak>", "at most 10s"),
    ("<speak>Hello <break time='10001ms'/></speak>", "at most 10s"),
    ("<speak>Hello <b>there</b></speak>", "<b> is not a tag"),
    ("<speak>Hello", "not well-formed"),
    ("<voice>Hello</voice>", "wrapped in <speak>"),
    ("<speak><prosody rate='10%'>slow</prosody></speak>", "below the minimum"),
    ("<speak><audio src='http://example.com/a.mp3'/></speak>", "https"),
    ("<speak>" + "<audio src='https://example.com/a.mp3'/>" * 6 + "</speak>", "at most 5"),
    ("<speak><amazon:domain name='long-form'>Story</amazon:domain></speak>", None),
    ("<speak>" + "a" * 8000 + "</speak>", "at most 8000"),
])
def test_ssml_rules(ssml, complaint):
    problems = _problems(_valid(ssml))
    if complaint is None:
        assert problems == []
    else:
        assert any(complaint in p for p in problems), problems


def test_styles_only_in_their_locales():
    ssml = "<speak><amazon:domain name='long-form'>Story</amazon:domain></speak>"
    assert any("not available in en-GB" in p for p in _problems(_valid(ssml), "en-GB"))


def test_size_card_and_session_rules():
    big = _valid(sessionAttributes=None)
    big["sessionAttributes"] = {"blob": "x" * 25000}
    assert any("24 KiB" in p for p in _problems(big))
    card = _valid(card={"type": "Simple", "title": "t", "content": "c" * 8000})
    assert any("title and text" in p for p in _problems(card))
    asks_then_ends = _valid(shouldEndSession=True)
    assert any("question nobody can answer" in p for p in _problems(asks_then_ends))
    no_reprompt = _valid()
    del no_reprompt["response"]["reprompt"]
    assert any("missing: a question was asked" in p for p in _problems(no_reprompt))
    unset = _valid()
    del unset["response"]["shouldEndSession"]
    assert any("not set" in p for p in _problems(unset))
    assert any("must be empty" in p for p in _problems(_valid(), request_type="SessionEndedRequest"))


def test_assert_valid_raises_with_the_documentation():
    with pytest.raises(validator.InvalidResponse, match="speech-synthesis-markup-language"):
        validator.assert_valid(_valid("<speak><break time='20s'/></speak>"))


# --- transcripts and the command ---------------------------------------------------------------


def test_a_transcript_fails_when_the_reply_differs(sim):
    transcript = {"name": "wrong", "turns": [{"user": "open shared compassion", "says": "Goodbye", "ends": True}]}
    result = transcripts.play(transcript, sim)
    assert not result.passed
    assert any("does not say 'Goodbye'" in f for f in result.turns[0].failures)
    assert any("session stayed open" in f for f in result.turns[0].failures)


def test_ask_dialog_replay_files(tmp_path, app):
    replay = tmp_path / "session.json"
    replay.write_text(json.dumps({"skillId": envelopes.DEFAULT_SKILL_ID, "locale": "en-US", "type": "text",
                                  "userInput": ["open shared compassion", "yes", "stop"]}))
    transcript = transcripts.load(replay)
    assert [t["user"] for t in transcript["turns"]] == ["open shared compassion", "yes", "stop"]
    result = transcripts.play(transcript, Simulator(InProcessTarget(app=app)))
    assert result.passed and result.turns[-1].turn.ended


def test_an_ask_dialog_replay_prints_as_ask_dialog_does(tmp_path, capsys):
    replay = tmp_path / "session.json"
    replay.write_text(json.dumps({"skillId": envelopes.DEFAULT_SKILL_ID, "locale": "en-US", "type": "text",
                                  "userInput": ["open shared compassion", "yes", "stop"]}))
    assert main(["--replay", str(replay)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Welcome to ASK Dialog"
    assert lines[1] == f"Replaying a multi turn conversation with Alexa from {replay}"
    assert lines[3:5] == ["User > open shared compassion", lines[4]] and lines[4].startswith("Alexa > Welcome.")
    assert "User > stop" in lines and "Goodbye!" in lines
    assert not any("[pause" in line for line in lines)


def test_record_then_replay(tmp_path, monkeypatch, capsys):
    recorded = tmp_path / "mine.yaml"
    monkeypatch.setattr("sys.stdin", io.StringIO("open shared compassion\nyes\n\nI'm ready\nI feel lost\nstop\n"))
    assert main(["--record", str(recorded)]) == 0
    screen = capsys.readouterr().out
    assert "you> open shared compassion" in screen and "[pause 18s]" in screen and "(silence: the reprompt plays)" in screen
    assert "FeelingIntent(feeling='lost'->lost)" in screen
    data = transcripts.load(recorded)
    assert data["turns"][0]["intent"] == "LaunchRequest" and data["turns"][-1]["ends"] is True
    assert main(["--replay", str(recorded)]) == 0
    assert "1 of 1 transcripts passed" in capsys.readouterr().out


def test_replay_exit_code_reports_failure(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nturns:\n  - user: open shared compassion\n    says: Goodbye\n")
    assert main(["--replay", str(bad)]) == 1
    assert "FAIL" in capsys.readouterr().out


def test_unknown_locale_is_refused(capsys):
    assert main(["--locale", "xx-XX"]) == 2


def test_speak_without_espeak_says_so_and_goes_on(monkeypatch, capsys):
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr("sys.stdin", io.StringIO("open shared compassion\n"))
    assert main(["--speak"]) == 0
    out = capsys.readouterr().out
    assert "no espeak-ng here" in out and "Welcome." in out
