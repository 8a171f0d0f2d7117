"""The production entry point under gunicorn, with the repository's gunicorn.conf.py, on 127.0.0.1."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from skill import envelopes

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def gunicorn_server(tmp_path):
    port = free_port()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "SKILL_IDS": envelopes.DEFAULT_SKILL_ID,
           "DATA_DIR": str(tmp_path), "WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "2"}
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py",
                                    "--bind", f"127.0.0.1:{port}", "skill.wsgi:app"],
                                   cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/health", timeout=1).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("gunicorn did not start:\n" + log_path.read_text())
            time.sleep(0.1)
    def stop() -> str:
        """Stops gunicorn (flushing its logs) and returns everything it logged."""
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)
        return log_path.read_text()

    yield base, stop
    stop()


def test_gunicorn_serves_verified_requests_only_and_logs_no_words(gunicorn_server):
    base, stop = gunicorn_server
    body = envelopes.envelope(envelopes.intent_request("NameFeelingIntent", {
        "feeling": envelopes.slot("feeling", "a secret sorrow")}))
    request = urllib.request.Request(base + "/alexa", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 400
    assert json.loads(refused.value.read()) == {"error": "missing SignatureCertChainUrl header"}
    log = stop()
    assert '"POST /alexa" 400' in log
    assert "secret sorrow" not in log and envelopes.DEFAULT_USER_ID not in log
