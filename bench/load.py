"""What the benchmark and the soak share: gunicorn servers, the request mix, and wrk."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))

# One practice, as a person goes through it; the benchmark replays it for many users.
PRACTICE_TURNS = [
    ("LaunchRequest", None, {}),
    ("IntentRequest", "AMAZON.YesIntent", {}),
    ("IntentRequest", "ReadyIntent", {}),
    ("IntentRequest", "FeelingIntent", {"feeling": "anxious and tired"}),
    ("IntentRequest", "PresenceIntent", {"presence": "my grandmother"}),
    # Yes to what was just asked: "shall I remember it?" where the store is (a write), else "hear it again?".
    ("IntentRequest", "AMAZON.YesIntent", {}),
    ("IntentRequest", "AMAZON.RepeatIntent", {}),
    ("IntentRequest", "AMAZON.HelpIntent", {}),
    ("IntentRequest", "RestIntent", {}),
    ("SessionEndedRequest", None, {}),
]
USERS = 25


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _model_resolution(slot_name: str, value: str):
    """(canonical, id) when `value` is a value or synonym in the en-US model, as Alexa would resolve it."""
    model = json.loads((ROOT / "interaction_models" / "en-US.json").read_text())["interactionModel"]["languageModel"]
    slot_types = {s["name"]: s["type"] for i in model["intents"] for s in i.get("slots", [])}
    words = value.lower().removeprefix("my ").strip()
    for entry in next((t["values"] for t in model.get("types", []) if t["name"] == slot_types.get(slot_name)), []):
        if words in (n.lower() for n in [entry["name"]["value"], *entry["name"].get("synonyms", [])]):
            return entry["name"]["value"], entry.get("id", entry["name"]["value"])
    return None


@dataclass
class RequestMix:
    """Envelopes of real practices (attributes as the skill returned them), re-stamped and signed on demand."""

    envelopes: list[dict]
    signer: object | None = None
    counts: dict = field(default_factory=dict)

    @property
    def verified(self) -> bool:
        return self.signer is not None

    def describe(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in self.counts.items())
        return f"{len(self.envelopes)} envelopes ({USERS} users x one practice: {kinds})"

    def fresh(self) -> list[tuple[bytes, dict]]:
        """(body, headers) for every envelope, timestamped now (and signed, when verifying)."""
        now = datetime.now(timezone.utc).replace(microsecond=0)
        signed = []
        for envelope in self.envelopes:
            envelope["request"]["timestamp"] = now.strftime("%Y-%m-%dT%H:%M:%SZ")
            if self.signer is None:
                signed.append((json.dumps(envelope).encode(), {"Content-Type": "application/json"}))
            else:
                self.signer.clock.now = now
                signed.append(self.signer.signed(envelope))
        return signed


def request_mix(workdir: Path) -> RequestMix:
    """Play one practice per user through the app in-process and keep every request it was sent."""
    from skill import create_app, envelopes

    app = create_app({"TESTING": True, "SKILL_ENV": "development", "DATA_DIR": str(workdir / "mix-data")})
    client = app.test_client()
    recorded, counts = [], {}
    for user in range(USERS):
        attributes, new, session_id = {}, True, None
        for kind, intent, slot_values in PRACTICE_TURNS:
            if kind == "LaunchRequest":
                request = envelopes.launch_request()
            elif kind == "SessionEndedRequest":
                request = envelopes.session_ended_request()
            else:
                request = envelopes.intent_request(intent, {
                    name: envelopes.slot(name, value, _model_resolution(name, value))
                    for name, value in slot_values.items()})
            body = envelopes.envelope(request, session_attributes=attributes, new_session=new,
                                      session_id=session_id, user_id=f"amzn1.ask.account.BENCH{user:04d}")
            answer = client.post("/alexa", json=body)
            assert answer.status_code == 200, answer.get_data(as_text=True)
            recorded.append(body)
            counts[intent or kind] = counts.get(intent or kind, 0) + 1
            answer = answer.get_json()
            session_id = body["session"]["sessionId"]
            if answer["response"].get("shouldEndSession") is False:
                attributes, new = answer.get("sessionAttributes") or {}, False
            else:
                attributes, new, session_id = {}, True, None
    return RequestMix(recorded, _signer(workdir), counts)


def _signer(workdir: Path):
    """The tests' Alexa signer, when this build verifies requests (skill/verification.py, tests/signing.py)."""
    try:
        from signing import CERT_URL, AlexaSigner  # tests/signing.py
    except ImportError:
        return None
    signer = AlexaSigner(workdir)
    (workdir / "chain.pem").write_bytes(signer.s3.chains[CERT_URL])
    signer.cert_url = CERT_URL
    return signer


def gunicorn_env(workdir: Path, mix: RequestMix) -> dict:
    env = {**os.environ, "BENCH_DIR": str(workdir), "PYTHONPATH": str(ROOT)}
    env.pop("SKILL_ENV", None)
    if mix.verified:
        from skill import envelopes

        env.update(BENCH_CERT_URL=mix.signer.cert_url, SKILL_IDS=envelopes.DEFAULT_SKILL_ID)
    else:
        (workdir / "trusted-roots.pem").unlink(missing_ok=True)
    return env


def start_gunicorn(app_path: str, port: int, env: dict, log_name: str | None = None) -> subprocess.Popen:
    log = open(Path(env["BENCH_DIR"]) / (log_name or f"gunicorn-{port}.log"), "ab")
    return subprocess.Popen([GUNICORN, "--config", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}",
                             app_path], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until_serving(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port}")


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def worker_pids(master_pid: int) -> list[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_rss_kib(master_pid: int) -> dict:
    sizes = [rss_kib(pid) for pid in worker_pids(master_pid)]
    return {"max": max(sizes), "each": sizes}


def ensure_wrk() -> str:
    """wrk from Debian; installed with apt-get the first time (root, as the Makefile's other apt uses)."""
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk not found: installing it from Debian (apt-get install wrk)", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    return shutil.which("wrk")


def _lua_string(text: str) -> str:
    level = "=" * 4
    while f"]{level}]" in text:
        level += "="
    return f"[{level}[{text}]{level}]"


def wrk_script(requests: list[tuple[bytes, dict]], path: Path, report: bool = True) -> Path:
    """A wrk script cycling through `requests` (each thread from its own place) and reporting JSON."""
    entries = []
    for body, headers in requests:
        lua_headers = ", ".join(f'[ {_lua_string(k)} ] = {_lua_string(v)}' for k, v in headers.items())
        entries.append(f"  {{ body = {_lua_string(body.decode())}, headers = {{ {lua_headers} }} }},")
    path.write_text("\n".join([
        "local entries = {", *entries, "}",
        "local prepared, position = {}, 0",
        "local thread_counter = 0",
        "setup = function(thread) thread_counter = thread_counter + 1; thread:set('offset', thread_counter * 97) end",
        "init = function(args)",
        "  for i, e in ipairs(entries) do prepared[i] = wrk.format('POST', '/alexa', e.headers, e.body) end",
        "  position = (offset or 0) % #prepared",
        "end",
        "request = function() position = position % #prepared + 1; return prepared[position] end",
        "done = function(summary, latency, requests)",
        "  local e = summary.errors",
        "  io.write(string.format('WRK_JSON {\"requests\": %d, \"duration_us\": %d, \"connect\": %d, \"read\": %d, "
        "\"write\": %d, \"status\": %d, \"timeout\": %d, \"p50_us\": %d, \"p90_us\": %d, \"p99_us\": %d, "
        "\"max_us\": %d}\\n', summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, "
        "latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))",
        "end",
    ]) + "\n")
    return path


def wrk(port: int, script: Path, connections: int, seconds: float, threads: int = 2) -> dict:
    """Run wrk for `seconds` against POST /alexa; requests, errors and latency percentiles."""
    command = [ensure_wrk(), f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
               "--timeout", "5s", "-s", str(script), f"http://127.0.0.1:{port}/alexa"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(l for l in output.splitlines() if l.startswith("WRK_JSON "))
    raw = json.loads(line.removeprefix("WRK_JSON "))
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"]
    return {"requests": raw["requests"], "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
            "p50_ms": round(raw["p50_us"] / 1000, 2), "p90_ms": round(raw["p90_us"] / 1000, 2),
            "p99_ms": round(raw["p99_us"] / 1000, 2), "max_ms": round(raw["max_us"] / 1000, 2),
            "errors": errors, "error_kinds": {k: raw[k] for k in ("connect", "read", "write", "status", "timeout")}}
