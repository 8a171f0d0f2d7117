"""The web simulator's server side: development only, the console simulator behind a JSON API."""
import re
from pathlib import Path

import pytest

from skill import create_app, web_simulator
from skill.ssml import break_seconds, plain_text

STATIC = Path(web_simulator.__file__).resolve().parent
SAY = "/simulator/api/say"
PRACTICE = [("open shared compassion", "welcome"), ("yes", "pause"), ("I'm ready", "feeling"),
            ("I feel lost", "presence"), ("my grandmother", "phrase"), ("again", "phrase")]


def screen_moment(screen_html: str) -> str | None:
    """The step (placeholder) or APL moment (skill/apl) a screen shows."""
    found = re.search(r'data-(?:step|moment)="([^"]*)"', screen_html)
    return found.group(1) if found else None


class Talk:
    def __init__(self, client):
        self.client = client
        self.session_id = None

    def say(self, text: str) -> dict:
        response = self.client.post(SAY, json={"text": text, "session_id": self.session_id})
        assert response.status_code == 200, response.get_data(as_text=True)
        answer = response.get_json()
        self.session_id = answer["session_id"]
        return answer


@pytest.fixture
def talk(client):
    return Talk(client)


@pytest.mark.parametrize("settings", [{}, {"SKILL_ENV": "production"}])
def test_there_is_no_simulator_in_production(settings, tmp_path):
    client = create_app({"DATA_DIR": str(tmp_path), **settings}).test_client()
    assert client.get("/simulator").status_code == 404
    assert client.post(SAY, json={"text": "open shared compassion"}).status_code == 404
    assert client.get("/simulator/static/simulator.js").status_code == 404


def test_the_page_and_its_files_are_served_in_development(client):
    page = client.get("/simulator")
    assert page.status_code == 200 and b'id="say-form"' in page.data
    for name in ("simulator.js", "simulator.css"):
        assert client.get(f"/simulator/static/{name}").status_code == 200


def test_nothing_on_the_page_is_fetched_from_elsewhere(client):
    """Works offline: no CDN scripts, styles or fonts."""
    sources = [client.get("/simulator").get_data(as_text=True)]
    sources += [(STATIC / "static" / name).read_text() for name in ("simulator.js", "simulator.css")]
    for source in sources:
        assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', source)
        assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import|fetch\(\s*['\"]https?:", source)


def test_a_whole_practice_by_typing(talk):
    for said, step in PRACTICE:
        answer = talk.say(said)
        assert answer["state"]["in_session"] and answer["state"]["step"] == step
        assert answer["state"]["attributes"]["step"] == step
        assert screen_moment(answer["screen"]) == step
        assert answer["turn"]["warnings"] == [] and answer["turn"]["text"]
    assert "This is painful." in answer["turn"]["text"]
    rest = talk.say("rest")
    assert rest["turn"]["intent"] == "RestIntent" and not rest["turn"]["ended"]
    assert max(s["seconds"] for s in rest["turn"]["segments"] if s["kind"] == "silence") >= 60
    assert "shall I remember that your grandmother sat with you?" in rest["turn"]["text"]
    goodbye = talk.say("no")
    assert goodbye["turn"]["ended"]
    assert goodbye["state"] == {"in_session": False, "step": None, "attributes": {}}


def test_segments_are_the_reply_as_it_plays(talk):
    talk.say("open shared compassion")
    turn = talk.say("yes")["turn"]
    ssml = turn["response"]["response"]["outputSpeech"]["ssml"]
    silences = [s["seconds"] for s in turn["segments"] if s["kind"] == "silence"]
    assert silences and sum(silences) == pytest.approx(sum(break_seconds(ssml)))
    words = " ".join(s["text"] for s in turn["segments"] if s["kind"] == "speech")
    assert words.split() == plain_text(ssml, show_pauses=False).split()
    assert turn["text"].count("[pause") == len(silences)


def test_the_device_is_a_screen_device(talk):
    request = talk.say("open shared compassion")["turn"]["request"]
    assert "Alexa.Presentation.APL" in request["context"]["System"]["device"]["supportedInterfaces"]


def test_silence_plays_the_reprompt_then_the_session_ends(talk):
    for said, _ in PRACTICE[:3]:
        asked = talk.say(said)
    first = talk.say("")
    assert first["turn"]["note"] == "silence: the reprompt plays" and first["turn"]["request"] is None
    assert first["turn"]["text"] == asked["turn"]["reprompt"]
    assert [s["kind"] for s in first["turn"]["segments"]] and first["state"]["step"] == "feeling"
    assert first["screen"] == asked["screen"]  # nothing reached the skill: the screen stays
    second = talk.say("")
    assert second["turn"]["request"]["request"]["reason"] == "EXCEEDED_MAX_REPROMPTS"
    assert second["turn"]["ended"] and not second["state"]["in_session"]


def test_each_conversation_is_its_own(client):
    one, two = Talk(client), Talk(client)
    one.say("open shared compassion")
    one.say("yes")
    assert two.say("open shared compassion")["state"]["step"] == "welcome"
    assert one.session_id != two.session_id
    assert one.say("I'm ready")["state"]["step"] == "feeling"


def test_an_unknown_id_starts_a_new_conversation(talk):
    talk.session_id = "forgotten-long-ago"
    answer = talk.say("open shared compassion")
    assert answer["new_conversation"] and answer["session_id"] != "forgotten-long-ago"
    assert not talk.say("yes")["new_conversation"]


def test_conversations_are_bounded_the_oldest_forgotten_first(app, client):
    conversations = app.extensions["web_simulator"]
    first = Talk(client)
    first.say("open shared compassion")
    others = [Talk(client) for _ in range(web_simulator.MAX_SESSIONS)]
    for other in others:
        other.say("open shared compassion")
    assert len(conversations) == web_simulator.MAX_SESSIONS
    assert first.say("yes")["new_conversation"]
    assert not others[-1].say("yes")["new_conversation"]


def test_start_afresh_ends_the_session_and_forgets_the_conversation(app, client, talk):
    talk.say("open shared compassion")
    simulator = app.extensions["web_simulator"].get_or_start(talk.session_id)[1].simulator
    reset = client.post("/simulator/api/reset", json={"session_id": talk.session_id})
    assert reset.status_code == 200 and reset.get_json() == {"forgotten": True}
    assert not simulator.in_session
    assert talk.say("yes")["new_conversation"]
    assert client.post("/simulator/api/reset", json={"session_id": "never-was"}).get_json() == {"forgotten": False}


@pytest.mark.parametrize("body, reason", [
    ("not json", "expected a JSON object"),
    ([1, 2], "expected a JSON object"),
    ({"text": 3}, "text must be a string"),
    ({"text": "x" * (web_simulator.MAX_SAID_CHARS + 1)}, "text longer than"),
    ({"text": "yes", "session_id": 7}, "session_id must be a string"),
])
def test_a_malformed_request_is_a_400_with_a_reason(client, body, reason):
    if isinstance(body, str):
        response = client.post(SAY, data=body, content_type="application/json")
    else:
        response = client.post(SAY, json=body)
    assert response.status_code == 400
    assert reason in response.get_json()["error"]


def test_what_the_developer_types_never_reaches_the_logs(client, caplog):
    caplog.set_level("DEBUG")
    talk = Talk(client)
    for said in ("open shared compassion", "yes", "I'm ready", "I feel unbearably xylophonic"):
        talk.say(said)
    assert "xylophonic" not in caplog.text


def test_the_screen_pane_uses_css_lengths_not_apl_ones(talk):
    screen = talk.say("open shared compassion")["screen"]
    assert "dp;" not in screen and re.search(r"--titleSize:\d+(\.\d+)?px;", screen)
