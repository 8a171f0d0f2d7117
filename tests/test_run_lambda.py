"""`make run-lambda`: serverless-offline serving the web function on 127.0.0.1, talked to by compassion-sim.

Runs the Makefile target itself on free ports (the `local` stage: unverified, SQLite in a temporary
directory). Needs node_modules (`make package`, which `make test` runs first, installs it): skipped
without, a failure in CI (CI=true).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import ROOT
from skill.simulator.session import HttpTarget, Simulator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def run_lambda(tmp_path):
    if not (ROOT / "node_modules" / ".bin" / "serverless").exists():
        message = "node_modules is missing: `make package` (or `npm ci`) installs serverless-offline"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    port, invoke_port = free_port(), free_port()
    log = tmp_path / "run-lambda.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "run-lambda", f"LAMBDA_PORT={port}",
             f"LAMBDA_INVOKE_PORT={invoke_port}", f"LAMBDA_DATA_DIR={tmp_path / 'data'}"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(base + "/health", timeout=5).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("make run-lambda did not answer:\n" + log.read_text())
                time.sleep(0.3)
        yield base, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        for generated in ("wsgi_handler.py", "serverless_wsgi.py", ".serverless-wsgi"):
            (ROOT / generated).unlink(missing_ok=True)  # serverless-wsgi's, left when stopped by a signal


def test_compassion_sim_talks_to_the_lambda_shape(run_lambda):
    base, log = run_lambda
    simulator = Simulator(HttpTarget(base + "/alexa", timeout=30))
    turns = [simulator.say("open shared compassion"), simulator.say("yes"), simulator.say("stop")]
    for turn in turns:
        assert not turn.error, turn.error
        assert not turn.warnings, turn.warnings
    assert turns[0].request_type == "LaunchRequest" and turns[0].text and not turns[0].ended
    assert turns[1].text and not turns[1].ended
    assert turns[2].ended
    assert "Traceback" not in log.read_text()
