"""The web simulator in a real browser: Debian's headless Chromium driven by Playwright.

`make test` installs /usr/bin/chromium when it is missing (scripts/ensure-chromium).
Playwright's own browser downloads are never used. The screenshot is kept in
test-artifacts/web-simulator.png.
"""
import json
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from skill import create_app
from skill.ssml import segments

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SCREENSHOT = ARTIFACTS / "web-simulator.png"                # the whole practice, top to bottom
PHRASE_SCREENSHOT = ARTIFACTS / "web-simulator-phrase.png"  # the window while the phrase is shown


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on 127.0.0.1 on a free port, as `make run` serves it (development mode)."""
    app = create_app({"SKILL_ENV": "development", "DATA_DIR": str(tmp_path_factory.mktemp("store"))})
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: `make test` installs it (scripts/ensure-chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    page.goto(f"{server}/simulator")
    yield page
    context.close()


def say(page, text):
    turns = page.locator(".turn")
    count = turns.count()
    page.fill("#said", text)
    page.press("#said", "Enter")
    expect(turns).to_have_count(count + 1)
    return turns.last


def stay_silent(page):
    turns = page.locator(".turn")
    count = turns.count()
    page.click("#silent-button")
    expect(turns).to_have_count(count + 1)
    return turns.last


def response_of(turn) -> dict:
    return json.loads(turn.locator(".response-json").text_content())


def expect_step(page, step):
    expect(page.locator("#state-step")).to_have_text(step)
    expect(page.locator(f'#screen [data-step="{step}"], #screen [data-moment="{step}"]')).to_have_count(1)


def expect_pauses_and_timeline_as_played(turn):
    """Pause markers and timeline segments are the reply's SSML as it plays, in order."""
    played = segments(response_of(turn)["response"]["outputSpeech"]["ssml"])
    silences = [s for s in played if s.kind == "silence"]
    expect(turn.locator(".reply-text .pause")).to_have_count(len(silences))
    assert turn.locator(".reply-text .pause").all_text_contents() == [f"pause {s.seconds:g} s" for s in silences]
    bar = turn.locator(".timeline .seg")
    expect(bar).to_have_count(len(played))
    kinds = [c.split()[-1] for c in bar.evaluate_all("parts => parts.map(p => p.className)")]
    assert kinds == [s.kind for s in played]
    return played


def test_a_whole_practice_by_typing(page, server):
    expect(page.locator("h1")).to_contain_text("Shared Compassion")

    welcome = say(page, "open shared compassion")
    expect(welcome.locator(".reply-text")).to_contain_text("Welcome")
    expect_pauses_and_timeline_as_played(welcome)
    expect_step(page, "welcome")
    # Headless Chromium has no voices: the page says so and goes on, text only.
    expect(page.locator("#status")).to_contain_text("No speech voice")
    expect(page.locator("#state-open")).to_have_text("yes")

    expect_pauses_and_timeline_as_played(say(page, "yes"))
    expect_step(page, "pause")
    expect_pauses_and_timeline_as_played(say(page, "I'm ready"))
    expect_step(page, "feeling")

    reprompt = stay_silent(page)
    expect(reprompt.locator(".said")).to_have_text("(silence)")
    expect(reprompt.locator(".meta")).to_contain_text("the reprompt plays")
    expect(reprompt.locator(".reply-text")).to_contain_text("How are you feeling")
    expect_step(page, "feeling")

    lost = say(page, "I feel lost")
    expect(lost.locator(".meta")).to_contain_text("FeelingIntent")
    expect(lost.locator(".reply-text")).to_contain_text("Lost.")
    expect_step(page, "presence")

    phrase = say(page, "my grandmother")
    expect(phrase.locator(".reply-text")).to_contain_text("Let your grandmother be here with you now.")
    for sentence in ("This is painful.", "You don't have to hold it alone.", "I'm with you.",
                     "And something larger is with us."):
        expect(phrase.locator(".reply-text")).to_contain_text(sentence)
    expect_pauses_and_timeline_as_played(phrase)
    expect_step(page, "phrase")
    expect(phrase.locator(".reprompt")).to_contain_text("If you stay silent:")
    ARTIFACTS.mkdir(exist_ok=True)
    phrase.scroll_into_view_if_needed()
    page.screenshot(path=str(PHRASE_SCREENSHOT))

    phrase.locator(".json summary").click()
    expect(phrase.locator(".request-json")).to_be_visible()
    assert json.loads(phrase.locator(".request-json").text_content())["request"]["intent"]["name"] == "PresenceIntent"
    phrase.locator(".json summary").click()

    rest = say(page, "rest")
    played = expect_pauses_and_timeline_as_played(rest)
    expect(rest.locator(".reply-text")).to_contain_text("shall I remember that your grandmother sat with you?")

    # To scale: the long rest silence takes the share of the bar that its seconds take of the reply.
    widths = rest.locator(".timeline .seg").evaluate_all("parts => parts.map(p => p.getBoundingClientRect().width)")
    longest = max(range(len(played)), key=lambda i: played[i].seconds)
    assert played[longest].kind == "silence" and played[longest].seconds >= 60
    share = played[longest].seconds / sum(s.seconds for s in played)
    assert widths[longest] / sum(widths) == pytest.approx(share, abs=0.02)

    expect(say(page, "no").locator(".meta")).to_contain_text("session ended")
    expect(page.locator("#state-open")).to_have_text("no")
    expect(page.locator("#state-step")).to_have_text("–")

    assert all(url.startswith(server) for url in page.requested), "the page fetched something from elsewhere"
    for turn in page.locator(".turn").all():
        expect(turn.locator(".warnings li")).to_have_count(0)

    expect(page.locator("#status")).to_contain_text("Your turn.")
    page.evaluate("window.scrollTo(0, 0)")  # the side panel is sticky: show it at the top of the page
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    print(f"\nweb simulator screenshots: {SCREENSHOT} {PHRASE_SCREENSHOT}")
    assert SCREENSHOT.stat().st_size > 0 and PHRASE_SCREENSHOT.stat().st_size > 0


def test_start_afresh_clears_the_page_and_the_session(page):
    say(page, "open shared compassion")
    say(page, "yes")
    expect(page.locator("#state-step")).to_have_text("pause")
    page.click("#reset-button")
    expect(page.locator(".turn")).to_have_count(0)
    expect(page.locator("#state-open")).to_have_text("no")
    expect(say(page, "yes").locator(".meta")).to_contain_text("no session is open")


def test_validator_warnings_are_highlighted(page):
    """A response the validator objects to (here: the answer altered on its way to the page) is marked."""
    def add_warning(route):
        answer = route.fetch().json()
        answer["turn"]["warnings"].append({"where": "response.outputSpeech", "message": "speech is too long",
                                           "doc": "/simulator#rule"})
        route.fulfill(json=answer)

    page.route("**/simulator/api/say", add_warning)
    turn = say(page, "open shared compassion")
    warning = turn.locator(".warnings li")
    expect(warning).to_have_count(1)
    expect(warning).to_contain_text("response.outputSpeech: speech is too long")
    expect(warning).to_be_visible()


# A speech engine that records what it is asked to say, and when (on Playwright's controlled clock).
RECORDING_VOICE = """
window.__spoken = [];
const voice = {name: "Recorder", lang: "en-US", default: true, localService: true, voiceURI: "recorder"};
Object.defineProperty(window, "speechSynthesis", {value: {
  getVoices: () => [voice], addEventListener() {}, cancel() {},
  speak(utterance) {
    window.__spoken.push({text: utterance.text, rate: utterance.rate, at: Date.now()});
    Promise.resolve().then(() => utterance.onend && utterance.onend());
  },
}});
"""


CLOCK_START = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def voiced_page(browser, server):
    """The page with a recording voice, on a clock that moves only when the test says so."""
    context = browser.new_context()
    page = context.new_page()
    page.clock.install(time=CLOCK_START)
    page.add_init_script(RECORDING_VOICE)
    page.goto(f"{server}/simulator")
    page.clock.pause_at(CLOCK_START + timedelta(seconds=1))
    yield page
    context.close()


def test_replies_are_spoken_with_their_pauses_honoured(voiced_page):
    page = voiced_page
    say(page, "open shared compassion")
    turn = say(page, "yes")
    played = segments(response_of(turn)["response"]["outputSpeech"]["ssml"])
    # The recording voice speaks in no time: only the reply's silences take time here.
    page.clock.run_for(int(sum(s.seconds for s in played if s.kind == "silence") * 1000) + 500)
    expect(page.locator("#status")).to_have_text("Your turn.")

    speech_at = [i for i, s in enumerate(played) if s.kind == "speech"]
    said_this_turn = page.evaluate("window.__spoken")[-len(speech_at):]
    assert [u["text"] for u in said_this_turn] == [played[i].text for i in speech_at]
    # The utterance's rate is a float32 in the browser.
    assert [u["rate"] for u in said_this_turn] == pytest.approx([played[i].rate for i in speech_at], abs=1e-6)
    # Speech here takes no time, so the time between two utterances is the silence between them.
    for (i, j), (first, then) in zip(zip(speech_at, speech_at[1:]), zip(said_this_turn, said_this_turn[1:])):
        silence_between = sum(s.seconds for s in played[i + 1:j] if s.kind == "silence")
        assert silence_between > 0
        assert (then["at"] - first["at"]) / 1000 == pytest.approx(silence_between, abs=0.05)


def test_silence_by_itself_after_a_reply_brings_the_reprompt(voiced_page):
    page = voiced_page
    page.check("#auto-silence")
    say(page, "open shared compassion")
    say(page, "yes")
    asked = say(page, "I'm ready")
    played = segments(response_of(asked)["response"]["outputSpeech"]["ssml"])
    # The recording voice speaks in no time: only the reply's silences take time here.
    page.clock.run_for(int(sum(s.seconds for s in played if s.kind == "silence") * 1000) + 500)
    expect(page.locator("#status")).to_contain_text("Silence in 8 s")
    expect(page.locator(".turn")).to_have_count(3)
    page.clock.run_for(8_000)
    expect(page.locator(".turn")).to_have_count(4)
    expect(page.locator(".turn").last.locator(".meta")).to_contain_text("the reprompt plays")
