"""Screens (issue 8, APL): a directive for devices with a display, none for the rest.

The APL document cannot be rendered here, so its shape is checked instead: the
APL envelope fields, every data binding against the data the skill sends,
every resource and layout reference against what the document defines, and
every touch action against the handler that answers it.
"""
import json
import re

import pytest

from skill import apl, dialog, envelopes
from skill.alexa_limits import MAX_RESPONSE_BYTES
from skill.apl.html import html_for_moment, html_for_response, render_html
from skill.handlers import TOUCH_INTENTS
from skill.speech import texts_for

from conftest import Conversation, load_model

RENDER = "Alexa.Presentation.APL.RenderDocument"
TEXTS = texts_for("en-US")
APL_COMPONENTS = {"Container", "Frame", "Text", "TouchWrapper", "Image", "ScrollView", "Sequence",
                  "Pager", "VectorGraphic", "Video", "EditText", "GridSequence", "FlexSequence"}
# Names the document takes from the alexa-viewport-profiles package it imports.
VIEWPORT_PROFILE_NAMES = {"viewportProfile", "hubRoundSmall", "hubLandscapeLarge", "hubLandscapeXLarge",
                          "tvLandscapeXLarge"}


@pytest.fixture
def screen(client):
    return Conversation(client, supported_interfaces=envelopes.SCREEN_INTERFACES)


def directives(response: dict) -> list:
    return response["response"].get("directives") or []


def shown(response: dict) -> dict:
    """The one RenderDocument of a response, asserted to be alone and well formed."""
    renders = [d for d in directives(response) if d["type"] == RENDER]
    assert len(renders) == 1, directives(response)
    render = renders[0]
    assert render["document"]["type"] == "APL"
    assert set(render["datasources"]) == {apl.DATA_SOURCE}
    screen = render["datasources"][apl.DATA_SOURCE]
    assert render["token"] == apl.TOKEN_PREFIX + screen["moment"]
    return screen


def whole_practice(conversation):
    """Launch to rest, the way a person would say it; yields each response."""
    yield conversation.launch()
    yield conversation.intent("BeginIntent")
    yield conversation.intent("ReadyIntent")
    yield conversation.intent("FeelingIntent", feeling="anxious and ashamed")
    yield conversation.intent("PresenceIntent", presence="my grandmother")
    yield conversation.intent("AMAZON.RepeatIntent")
    yield conversation.intent("RestIntent")
    yield conversation.intent("AMAZON.NoIntent")  # "before you go: shall I remember that your grandmother sat with you?"


# --- which devices get a screen --------------------------------------------------------

def test_devices_without_a_screen_get_no_apl_at_any_step(conversation):
    for response in whole_practice(conversation):
        assert not [d for d in directives(response) if d["type"].startswith("Alexa.Presentation")]


def test_every_step_of_a_whole_practice_renders_its_screen(screen):
    moments = [shown(response)["moment"] for response in whole_practice(screen)]
    assert moments == ["welcome", "pause", "feeling", "presence", "phrase", "phrase", "rest", "rest"]
    assert screen.ended


def test_the_phrase_is_shown_large_only_while_it_is_said(screen):
    for response in whole_practice(screen):
        data = shown(response)
        if data["moment"] == "phrase":
            assert data["showPhrase"] and " ".join(data["phrase"]) == TEXTS.THE_PHRASE
        else:
            assert not data["showPhrase"] and data["phrase"] == []


def test_silences_breathe_and_talking_steps_do_not(screen):
    breathing = {shown(r)["moment"]: shown(r)["breathing"] for r in whole_practice(screen)}
    assert breathing == {"welcome": False, "pause": True, "feeling": False, "presence": True,
                         "phrase": False, "rest": True}


def test_screens_never_show_what_the_user_said(screen):
    for response in whole_practice(screen):
        text = json.dumps(directives(response)).lower()
        assert "anxious" not in text and "ashamed" not in text and "grandmother" not in text


def test_stopping_says_farewell_on_screen(screen):
    screen.launch()
    response = screen.intent("AMAZON.StopIntent")
    assert response["response"]["shouldEndSession"] is True
    assert shown(response)["moment"] == "farewell"


def test_asking_for_the_phrase_alone_shows_the_phrase(screen):
    response = screen.intent("PhraseIntent")
    assert response["response"]["shouldEndSession"] is True
    assert shown(response)["moment"] == "phrase" and shown(response)["showPhrase"]


def test_no_to_beginning_says_farewell_on_screen(screen):
    screen.launch()
    assert shown(screen.intent("AMAZON.NoIntent"))["moment"] == "farewell"


def test_no_apl_in_answer_to_session_ended(screen):
    screen.launch()
    response = screen.send(envelopes.session_ended_request("USER_INITIATED"))
    assert directives(response) == []


def test_events_the_skill_does_not_speak_to_get_no_screen(screen):
    response = screen.send({"type": "AlexaSkillEvent.SkillEnabled", "eventCreationTime": envelopes.now_iso()},
                           new_session=True)
    assert "outputSpeech" not in response["response"] and directives(response) == []


def test_a_step_without_a_screen_of_its_own_keeps_its_words_and_shows_nothing(screen, monkeypatch):
    screen.launch()
    data = json.loads(json.dumps(apl.screens()))
    del data["screens"]["pause"]
    monkeypatch.setattr(apl, "screens", lambda: data)
    response = screen.intent("BeginIntent")
    assert "Let's begin by pausing" in screen.speech and directives(response) == []


def test_every_intent_at_every_step_shows_exactly_one_known_screen(client):
    intents = [i["name"] for i in load_model()["intents"]]
    ways_in = {
        "welcome": [], "pause": [("BeginIntent", {})], "feeling": [("BeginIntent", {}), ("ReadyIntent", {})],
        "presence": [("FeelingIntent", {"feeling": "lost"})],
        "phrase": [("FeelingIntent", {"feeling": "lost"}), ("SkipIntent", {})],
    }
    for step, way_in in ways_in.items():
        for intent in intents:
            conversation = Conversation(client, supported_interfaces=envelopes.SCREEN_INTERFACES)
            conversation.launch()
            for name, slots in way_in:
                conversation.intent(name, **slots)
            assert conversation.attributes["step"] == step
            data = shown(conversation.intent(intent))
            if conversation.ended:  # how it closed: the phrase alone, the rest, or a goodbye
                expected = conversation.attributes.get("closed_with") or "farewell"
            else:  # the state's own screen (the danger steps show the crisis or the breathing screen)
                state = dialog.STATES[dialog.state_named(conversation.attributes["step"],
                                                         conversation.attributes.get("question"))]
                expected = state.screen or state.step
            assert data["moment"] == expected, (step, intent)


# --- touch ------------------------------------------------------------------------------

def tap(conversation, action, token="shared-compassion.welcome"):
    return conversation.send(envelopes.user_event_request([action], token=token))


def test_tapping_begin_answers_like_saying_begin(client, screen):
    spoken = Conversation(client)
    spoken.launch()
    spoken.intent("BeginIntent")
    screen.launch()
    tapped = tap(screen, "begin")
    assert tapped["response"]["outputSpeech"] == spoken.last["response"]["outputSpeech"]
    assert screen.attributes["step"] == spoken.attributes["step"] == "pause"
    assert shown(tapped)["moment"] == "pause"


def test_tapping_hear_the_phrase_after_the_phrase_says_it_again(screen):
    screen.launch()
    screen.intent("FeelingIntent", feeling="lost")
    screen.intent("SkipIntent")
    tapped = tap(screen, "phrase", token="shared-compassion.phrase")
    assert TEXTS.PHRASE_SENTENCES[0] in screen.speech
    assert tapped["response"]["shouldEndSession"] is False and screen.attributes["step"] == "phrase"


def test_tapping_hear_the_phrase_in_a_new_session_is_the_phrase_one_shot(client, screen):
    spoken = Conversation(client)
    spoken.intent("PhraseIntent")
    tapped = screen.send(envelopes.user_event_request(["phrase"]), new_session=True)
    assert tapped["response"]["outputSpeech"] == spoken.last["response"]["outputSpeech"]
    assert tapped["response"]["shouldEndSession"] is True


@pytest.mark.parametrize("arguments", [["somethingElse"], [], [42]])
def test_an_unknown_tap_is_met_with_the_gentle_re_ask(client, screen, arguments):
    spoken = Conversation(client)
    spoken.launch()
    spoken.intent("AMAZON.FallbackIntent")
    screen.launch()
    tapped = screen.send(envelopes.user_event_request(arguments))
    assert tapped["response"]["outputSpeech"] == spoken.last["response"]["outputSpeech"]


def test_every_button_on_every_screen_has_a_label_and_a_spoken_equivalent():
    actions = {a for s in apl.screens()["screens"].values() for a in s["buttons"]}
    assert actions == {"begin", "phrase"}
    assert actions <= set(TOUCH_INTENTS) and actions <= set(TEXTS.SCREEN_BUTTONS)


# --- the document itself ----------------------------------------------------------------

def walk(node):
    """Every dict and string in a JSON tree."""
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def test_the_document_has_the_apl_shape():
    raw = (apl.HERE / "practice.json").read_text()
    document = json.loads(raw)
    assert document["type"] == "APL"
    assert re.fullmatch(r"20\d\d\.\d", document["version"])
    assert document["mainTemplate"]["parameters"] == [apl.DATA_SOURCE]
    assert isinstance(document["mainTemplate"]["items"], list) and document["mainTemplate"]["items"]
    assert {"name": "alexa-viewport-profiles", "version": "1.6.0"} in document["import"]
    for entry in document["import"]:
        assert set(entry) == {"name", "version"}


def components(node):
    """Every component of a template: the node and, depth first, its item/items children."""
    yield node
    children = node.get("items", node.get("item", []))
    for child in children if isinstance(children, list) else [children]:
        yield from components(child)


def test_every_component_is_apl_or_a_layout_of_the_document():
    document = apl.document()
    known = APL_COMPONENTS | set(document["layouts"])
    roots = [*document["mainTemplate"]["items"], *(layout["item"] for layout in document["layouts"].values())]
    used = {c["type"] for root in roots for c in components(root)}
    assert used <= known, used - known
    assert set(document["layouts"]) <= used  # no layout left unused


def test_every_resource_used_is_defined_for_every_viewport():
    document = apl.document()
    default, *conditional = document["resources"]
    assert "when" not in default and all("when" in block for block in conditional)
    defined = {name for kind in ("colors", "dimensions", "numbers") for name in default.get(kind, {})}
    for block in conditional:  # a viewport override only changes what every viewport already has
        assert {n for kind in ("colors", "dimensions", "numbers") for n in block.get(kind, {})} <= defined
    used = set()
    for node in walk({k: v for k, v in document.items() if k != "resources"}):
        if isinstance(node, str):
            used |= set(re.findall(r"@([A-Za-z]\w*)", node))
    for block in conditional:
        used |= set(re.findall(r"@([A-Za-z]\w*)", block["when"]))
    assert used - VIEWPORT_PROFILE_NAMES <= defined, used - VIEWPORT_PROFILE_NAMES - defined
    assert used & VIEWPORT_PROFILE_NAMES  # the layout really does change with the viewport


@pytest.mark.parametrize("moment", apl.moments())
def test_every_binding_finds_its_data(moment):
    document = apl.document()
    screen = apl.datasources(moment, TEXTS)[apl.DATA_SOURCE]
    bindings = {m for n in walk(document["mainTemplate"]) if isinstance(n, str)
                for m in re.findall(r"screen\.(\w+)", n)}
    assert bindings and bindings <= set(screen), bindings - set(screen)
    button_fields = {m for n in walk(document["mainTemplate"]) if isinstance(n, str)
                     for m in re.findall(r"data\.(\w+)", n)}
    for button in screen["buttons"]:
        assert button_fields <= set(button)
    for name, layout in document["layouts"].items():
        declared = {p if isinstance(p, str) else p["name"] for p in layout.get("parameters", [])}
        used = {m for n in walk(layout["item"]) if isinstance(n, str) for m in re.findall(r"\$\{(\w+)", n)}
        assert used <= declared, (name, used - declared)


def test_the_document_is_read_once_per_process_not_per_request(screen, monkeypatch, tmp_path):
    screen.launch()
    monkeypatch.setattr(apl, "HERE", tmp_path)  # nothing there to read any more
    assert shown(screen.intent("BeginIntent"))["moment"] == "pause"


def test_every_response_with_a_screen_stays_under_alexas_size_limit(client, screen):
    responses = list(whole_practice(screen))
    for intent in ("AMAZON.HelpIntent", "PhraseIntent", "AMAZON.StopIntent"):
        conversation = Conversation(client, supported_interfaces=envelopes.SCREEN_INTERFACES)
        conversation.launch()
        conversation.intent("FeelingIntent", feeling="lonely " * 40)
        conversation.intent("PresenceIntent", presence="the warm light of the evening sky " * 6)
        responses.append(conversation.intent(intent))
    sizes = [len(json.dumps(r, separators=(",", ":")).encode()) for r in responses]
    assert max(sizes) < MAX_RESPONSE_BYTES


# --- the HTML rendering for the web simulator ---------------------------------------------

def test_voice_only_responses_have_no_html_screen(conversation):
    assert html_for_response(conversation.launch()) is None


def test_html_shows_what_the_apl_document_shows(screen):
    for response in whole_practice(screen):
        data = shown(response)
        page = html_for_response(response)
        assert page == render_html({apl.DATA_SOURCE: data})
        assert f'data-moment="{data["moment"]}"' in page
        assert f'>{data["title"]}</h2>' in page.replace("&#x27;", "'")
        assert data["line"] in page.replace("&#x27;", "'")
        assert ('class="breath"' in page) is data["breathing"]
        assert ('class="phrase"' in page) is data["showPhrase"]
        for sentence in data["phrase"]:
            assert f"<p>{sentence}</p>" in page.replace("&#x27;", "'")
        assert re.findall(r'data-action="(\w+)"', page) == [b["action"] for b in data["buttons"]]
        assert f'--breathMs:{data["breathMilliseconds"]}ms' in page


def test_html_uses_the_documents_own_palette_and_escapes_text():
    document = apl.document()
    page = html_for_moment("welcome", TEXTS)
    for name, value in document["resources"][0]["colors"].items():
        assert f"--{name}:{value};" in page
    data = apl.datasources("welcome", TEXTS)
    data[apl.DATA_SOURCE]["title"] = "<b>&</b>"
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in render_html(data)


@pytest.mark.parametrize("locale, number", [("en-US", "988"), ("en-GB", "116 123"), ("en-AU", "13 11 14")])
def test_crisis_keeps_the_locales_line_on_the_screen_even_after_goodbye(client, locale, number):
    conversation = Conversation(client, locale=locale, supported_interfaces=envelopes.SCREEN_INTERFACES)
    conversation.launch()
    crisis = shown(conversation.intent("CrisisIntent"))
    assert crisis["moment"] == "crisis" and number in crisis["line"] and not crisis["buttons"]
    goodbye = shown(conversation.intent("AMAZON.NoIntent"))
    assert conversation.ended
    assert goodbye["moment"] == "crisis" and number in goodbye["line"]
