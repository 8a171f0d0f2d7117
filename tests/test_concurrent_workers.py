"""Two real gunicorn workers, many interleaved requests for the same person: not one practice is lost."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import free_port
from skill import envelopes
from store_helpers import RawStore

ROOT = Path(__file__).resolve().parent.parent
THREADS, REQUESTS_PER_THREAD = 8, 20


def post(url: str, request: dict, attributes: dict) -> dict:
    body = envelopes.envelope(request, session_attributes=attributes, new_session=False)
    call = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                  headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(call, timeout=30) as response:
        assert response.status == 200
        return json.loads(response.read())


@pytest.fixture
def gunicorn(store_config, tmp_path):
    port = free_port()
    env = {**os.environ, "SKILL_ENV": "development", "ALLOW_UNVERIFIED_REQUESTS": "1",
           "WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "4",
           "GUNICORN_TIMEOUT": "30", **{k: str(v) for k, v in store_config.items()}}
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
             "skill.wsgi:app"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start:\n" + log_path.read_text()[-2000:])
                time.sleep(0.2)
        yield base + "/alexa", log_path
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_two_workers_count_every_practice(gunicorn, store_config):
    url, log_path = gunicorn
    # The person says yes to being remembered (asked at the close, after the rest).
    post(url, envelopes.intent_request("AMAZON.YesIntent"),
         {"step": "rest", "question": "remember", "presence": "the sky",
          "presence_id": "THE_SKY", "presence_name": "the sky"})
    errors = []

    def practise(thread_number):
        try:
            for n in range(REQUESTS_PER_THREAD):
                attributes = {"step": "phrase", "memory": "kept"}
                if (thread_number + n) % 2:
                    post(url, envelopes.intent_request("RestIntent"), attributes)
                else:
                    # Chooses a rest length too: a field update and a count in the same moment.
                    length = envelopes.slot("length", "long", ("long", "LONG"))
                    post(url, envelopes.intent_request("RestLengthIntent", {"length": length}), attributes)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(repr(error))

    threads = [threading.Thread(target=practise, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []

    kept = RawStore(store_config).kept(envelopes.DEFAULT_USER_ID)
    assert "memory store unavailable" not in log_path.read_text(), log_path.read_text()[-3000:]
    assert kept.practices == 1 + THREADS * REQUESTS_PER_THREAD  # the practice that ended with the yes, then every rest
    assert (kept.presence_id, kept.rest) == ("THE_SKY", "long")
    # Both workers really answered.
    log = log_path.read_text()
    workers = set(re.findall(r"\[(\d+)\] skill\.requests: request type=IntentRequest", log))
    assert len(workers) == 2, log[-2000:]
    assert "memory store unavailable" not in log
