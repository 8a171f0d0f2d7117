// The web simulator page: send what the developer says, show and speak what the skill answers.
// Plain browser JavaScript, no build step, no outside requests.
"use strict";

const AUTO_SILENCE_SECONDS = 8;   // about how long Alexa listens before it counts silence
const VOICE_WAIT_MS = 1000;       // voices load late in some browsers; none at all in others

const page = {
  log: document.getElementById("log"),
  form: document.getElementById("say-form"),
  said: document.getElementById("said"),
  status: document.getElementById("status"),
  screen: document.getElementById("screen"),
  device: document.getElementById("device"),
  speakAloud: document.getElementById("speak-aloud"),
  autoSilence: document.getElementById("auto-silence"),
  mic: document.getElementById("mic-button"),
};
let sessionId = null;
let playback = 0;          // bumped to cancel whatever is playing or waiting
let autoSilenceTimer = null;

document.getElementById("auto-seconds").textContent = AUTO_SILENCE_SECONDS;

function setStatus(text) { page.status.textContent = text; }

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function seconds(value) { return `${Number(value.toFixed(1))} s`; }

// --- talking to the server -------------------------------------------------------------

async function say(text) {
  stopEverything();
  setStatus(text ? "Sending…" : "Staying silent…");
  let answer;
  try {
    const response = await fetch(document.body.dataset.sayUrl, {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({text, session_id: sessionId}),
    });
    answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || `HTTP ${response.status}`);
  } catch (error) {
    setStatus(`The simulator could not answer: ${error.message}`);
    return;
  }
  sessionId = answer.session_id;
  const shown = showTurn(answer.turn);
  showState(answer.state);
  if (answer.screen) page.device.innerHTML = answer.screen;
  const heardToTheEnd = await play(answer.turn.segments, shown.querySelector(".timeline"));
  if (heardToTheEnd && answer.state.in_session) startAutoSilence();
}

// --- showing a turn ----------------------------------------------------------------------

function showTurn(turn) {
  const item = document.getElementById("turn-template").content.firstElementChild.cloneNode(true);
  const said = item.querySelector(".said");
  said.textContent = turn.said || "(silence)";
  if (!turn.said) said.classList.add("silence");

  const meta = item.querySelector(".meta");
  const kind = turn.intent || turn.request_type;
  if (kind) meta.append(element("span", "badge", kind));
  if (turn.ended) meta.append(element("span", "badge ended", "session ended"));
  if (turn.note) meta.append(element("span", "note", turn.note));

  const speech = item.querySelector(".reply-text");
  if (turn.error) speech.append(element("span", "error", turn.error));
  for (const segment of turn.segments) {
    speech.append(segment.kind === "silence"
      ? element("span", "pause", `pause ${seconds(segment.seconds)}`)
      : document.createTextNode(` ${segment.text} `));
  }
  drawTimeline(item.querySelector(".timeline"), item.querySelector(".timeline-scale"), turn.segments);

  const reprompt = item.querySelector(".reprompt");
  if (turn.reprompt) reprompt.textContent = `If you stay silent: ${turn.reprompt}`;
  else reprompt.remove();

  const warnings = item.querySelector(".warnings");
  for (const warning of turn.warnings) {
    const line = element("li", "warning", `${warning.where}: ${warning.message} `);
    if (warning.doc) {
      const link = element("a", "", "(rule)");
      link.href = warning.doc; link.target = "_blank"; link.rel = "noreferrer";
      line.append(link);
    }
    warnings.append(line);
  }
  item.querySelector(".request-json").textContent = JSON.stringify(turn.request, null, 2);
  item.querySelector(".response-json").textContent = JSON.stringify(turn.response, null, 2);
  if (!turn.request) item.querySelector(".json").remove();

  page.log.append(item);
  item.scrollIntoView({block: "end", behavior: "smooth"});
  return item;
}

// Speech and silence to scale: each segment's width is its share of the reply's length.
function drawTimeline(bar, scale, segments) {
  const total = segments.reduce((sum, s) => sum + s.seconds, 0);
  if (!total) { bar.remove(); scale.remove(); return; }
  const spoken = segments.filter(s => s.kind === "speech").reduce((sum, s) => sum + s.seconds, 0);
  bar.setAttribute("aria-label", `${seconds(total)} in all: ${seconds(spoken)} speaking, ${seconds(total - spoken)} silence`);
  for (const segment of segments) {
    const part = element("span", `seg ${segment.kind}`);
    part.style.flexGrow = segment.seconds;
    part.style.flexBasis = "0";
    part.title = segment.kind === "silence" ? `silence ${seconds(segment.seconds)}`
                                            : `${seconds(segment.seconds)}: ${segment.text}`;
    part.dataset.seconds = segment.seconds;
    bar.append(part);
  }
  scale.append(element("span", "", "0 s"),
               element("span", "", `speaking ${seconds(spoken)} · silence ${seconds(total - spoken)}`),
               element("span", "", seconds(total)));
}

function showState(state) {
  document.getElementById("state-open").textContent = state.in_session ? "yes" : "no";
  document.getElementById("state-step").textContent = state.step || "–";
  document.getElementById("state-attributes").textContent = JSON.stringify(state.attributes, null, 2);
}

// The screen is laid out at the device's own size, then scaled to fit its pane.
const DEVICE_WIDTH = 960;
function fitScreen() {
  page.device.style.transform = `scale(${page.screen.clientWidth / DEVICE_WIDTH})`;
}
window.addEventListener("resize", fitScreen);
fitScreen();

// --- speaking, pauses honoured ----------------------------------------------------------

// Whether the browser has a voice at all; asked once, since voices load late in some browsers.
let voiceCheck = null;
function voicesReady() {
  const synth = window.speechSynthesis;
  if (!synth) return Promise.resolve(false);
  if (synth.getVoices().length) return Promise.resolve(true);
  if (!voiceCheck) {
    voiceCheck = new Promise(resolve => {
      const done = () => resolve(synth.getVoices().length > 0);
      synth.addEventListener("voiceschanged", done, {once: true});
      setTimeout(done, VOICE_WAIT_MS);
    });
  }
  return voiceCheck;
}

function wait(ms) { return new Promise(resolve => setTimeout(resolve, ms)); }

function speakOne(segment) {
  return new Promise(resolve => {
    const utterance = new SpeechSynthesisUtterance(segment.text);
    utterance.rate = segment.rate;
    // Never hang on a voice that does not report its end: move on well after it should have.
    const watchdog = setTimeout(resolve, (segment.seconds * 2 + 3) * 1000);
    utterance.onend = utterance.onerror = () => { clearTimeout(watchdog); resolve(); };
    window.speechSynthesis.speak(utterance);
  });
}

// Resolves true when the reply played to its end, false when something else cut it short.
async function play(segments, bar) {
  const mine = ++playback;
  if (!segments.length) { setStatus("Your turn."); return true; }
  if (page.speakAloud.checked) setStatus("Finding a voice…");
  const canSpeak = page.speakAloud.checked && await voicesReady();
  if (!canSpeak) {
    setStatus(page.speakAloud.checked ? "No speech voice in this browser: read the reply. Your turn."
                                      : "Your turn.");
    return mine === playback;
  }
  const parts = bar ? bar.querySelectorAll(".seg") : [];
  for (const [index, segment] of segments.entries()) {
    if (mine !== playback) return false;
    parts[index] && parts[index].classList.add("playing");
    if (segment.kind === "silence") {
      setStatus(`Silence, ${seconds(segment.seconds)}…`);
      await wait(segment.seconds * 1000);
    } else {
      setStatus("Speaking…");
      await speakOne(segment);
    }
    parts[index] && parts[index].classList.remove("playing");
  }
  if (mine !== playback) return false;
  setStatus("Your turn.");
  return true;
}

function stopEverything() {
  playback++;
  clearTimeout(autoSilenceTimer);
  if (window.speechSynthesis) window.speechSynthesis.cancel();
  for (const part of document.querySelectorAll(".seg.playing")) part.classList.remove("playing");
}

function startAutoSilence() {
  if (!page.autoSilence.checked) return;
  const mine = playback;
  setStatus(`Your turn. Silence in ${AUTO_SILENCE_SECONDS} s…`);
  autoSilenceTimer = setTimeout(() => { if (mine === playback) say(""); }, AUTO_SILENCE_SECONDS * 1000);
}

// --- what the developer does ------------------------------------------------------------

page.form.addEventListener("submit", event => {
  event.preventDefault();
  const text = page.said.value.trim();
  page.said.value = "";
  say(text);
});
page.said.addEventListener("input", () => {
  if (autoSilenceTimer) { clearTimeout(autoSilenceTimer); autoSilenceTimer = null; setStatus("Your turn."); }
});
document.getElementById("silent-button").addEventListener("click", () => say(""));
document.getElementById("stop-button").addEventListener("click", () => { stopEverything(); setStatus("Stopped."); });
document.getElementById("reset-button").addEventListener("click", async () => {
  stopEverything();
  await fetch(document.body.dataset.resetUrl, {method: "POST", headers: {"Content-Type": "application/json"},
                            body: JSON.stringify({session_id: sessionId})});
  sessionId = null;
  page.log.replaceChildren();
  showState({in_session: false, step: null, attributes: {}});
  setStatus("A fresh start.");
});
for (const chip of document.querySelectorAll("[data-say]")) {
  chip.addEventListener("click", () => { page.said.value = chip.dataset.say; page.said.focus(); });
}

// Speaking instead of typing, where the browser can recognise speech.
const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
if (Recognition) {
  page.mic.hidden = false;
  page.mic.addEventListener("click", () => {
    stopEverything();
    const recognition = new Recognition();
    recognition.lang = document.documentElement.lang || "en-US";
    recognition.onresult = event => say(event.results[0][0].transcript);
    recognition.onerror = event => setStatus(`Could not hear you (${event.error}).`);
    recognition.onend = () => page.mic.disabled = false;
    page.mic.disabled = true;
    setStatus("Listening…");
    recognition.start();
  });
}
