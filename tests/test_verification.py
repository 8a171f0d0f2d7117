"""Request verification: each of Amazon's rules broken alone, by a request that is otherwise valid.

The app runs in production mode with a trust store and a certificate fetcher from its config
(tests/signing.py); nothing in skill/verification.py is patched.
"""
from __future__ import annotations

import http.client
import http.server
import json
import logging
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.x509.oid import ExtendedKeyUsageOID

from signing import CERT_URL, AlexaSigner, Clock, make_ca, new_key, pem
from skill import create_app, envelopes
from skill.verification import FAILURE_MEMORY, CertificateFetchFailed, UrlCertificateFetcher

ROOT = Path(__file__).resolve().parent.parent
FOREIGN_SKILL_ID = "amzn1.ask.skill.11111111-1111-4111-8111-111111111111"


class CountingSkill:
    """Stands in front of the real skill to count how often it is asked to answer."""

    def __init__(self, skill):
        self.skill = skill
        self.serializer = skill.serializer
        self.invocations = 0

    def invoke(self, **kwargs):
        self.invocations += 1
        return self.skill.invoke(**kwargs)


@pytest.fixture
def signer(alexa_signer):
    return alexa_signer


def make_app(signer, **overrides):
    app = signer.app(**overrides)
    app.extensions["alexa_skill"] = CountingSkill(app.extensions["alexa_skill"])
    return app


@pytest.fixture
def verified(signer):
    return make_app(signer)


def post(app, body: bytes, headers: dict):
    return app.test_client().post("/alexa", data=body, headers=headers)


def launch(**kwargs) -> dict:
    return envelopes.envelope(envelopes.launch_request(), **kwargs)


def assert_rejected(response, app, status=400, reason_contains=""):
    assert response.status_code == status, response.get_data(as_text=True)
    assert reason_contains in response.get_json()["error"]
    assert app.extensions["alexa_skill"].invocations == 0


# --- the happy path ------------------------------------------------------------------------

def test_signed_request_from_alexa_is_answered(verified, signer):
    response = post(verified, *signer.signed(launch()))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "Welcome" in response.get_json()["response"]["outputSpeech"]["ssml"]
    assert verified.extensions["alexa_skill"].invocations == 1


def test_verification_is_on_by_default(signer, monkeypatch):
    monkeypatch.delenv("SKILL_ENV", raising=False)
    app = create_app({"TESTING": True, "DATA_DIR": str(signer.directory)})
    response = app.test_client().post("/alexa", json=launch())
    assert response.status_code == 400
    assert response.get_json()["error"] == "missing SignatureCertChainUrl header"


def test_development_mode_skips_verification_and_says_so_loudly(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="skill.verification"):
        app = create_app({"TESTING": True, "SKILL_ENV": "development", "DATA_DIR": str(tmp_path)})
    assert "REQUEST VERIFICATION IS OFF" in caplog.text
    assert app.test_client().post("/alexa", json=launch()).status_code == 200


# --- headers -------------------------------------------------------------------------------

@pytest.mark.parametrize("missing", ["SignatureCertChainUrl", "Signature-256"])
def test_missing_header_is_rejected(verified, signer, missing):
    body, headers = signer.signed(launch())
    del headers[missing]
    assert_rejected(post(verified, body, headers), verified, reason_contains=f"missing {missing}")


# --- SignatureCertChainUrl -----------------------------------------------------------------

@pytest.mark.parametrize("url, reason", [
    ("http://s3.amazonaws.com/echo.api/echo-api-cert.pem", "https"),
    ("https://notamazon.com/echo.api/echo-api-cert.pem", "host"),
    ("https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem", "host"),
    ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem", "path"),
    ("https://s3.amazonaws.com/invalid.path/echo-api-cert.pem", "path"),
    ("https://s3.amazonaws.com/echo.api/../echo-api-cert.pem", "path"),
    ("https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem", "port"),
    ("https://s3.amazonaws.com:notaport/echo.api/echo-api-cert.pem", "not a URL"),
])
def test_cert_url_not_shaped_like_amazons_is_rejected_before_any_download(verified, signer, url, reason):
    signer.s3.chains[url] = signer.s3.chains[CERT_URL]  # would verify, were it fetched
    assert_rejected(post(verified, *signer.signed(launch(), url=url)), verified, reason_contains=reason)
    assert signer.s3.downloads == []


@pytest.mark.parametrize("url", [
    "HTTPS://S3.AmazonAWS.com/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
])
def test_cert_urls_amazon_lists_as_valid_are_accepted(verified, signer, url):
    canonical = "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
    signer.s3.chains[canonical] = signer.s3.chains[CERT_URL]
    assert post(verified, *signer.signed(launch(), url=url)).status_code == 200
    assert signer.s3.downloads == [canonical]


# --- the certificate chain -----------------------------------------------------------------

def test_chain_leading_to_an_untrusted_root_is_rejected(signer, tmp_path):
    stranger_key = new_key()
    stranger_root = make_ca("Someone Else's Root", stranger_key, not_before=signer.clock.now - timedelta(days=1),
                            not_after=signer.clock.now + timedelta(days=365))
    other_trust = tmp_path / "other-roots.pem"
    other_trust.write_bytes(pem(stranger_root))
    app = make_app(signer, VERIFY_TRUST_PEM=str(other_trust))
    assert_rejected(post(app, *signer.signed(launch())), app, reason_contains="not trusted")


def test_chain_without_its_intermediate_is_rejected(verified, signer):
    signer.s3.chains[CERT_URL] = pem(signer.leaf)
    assert_rejected(post(verified, *signer.signed(launch())), verified, reason_contains="not trusted")


def test_self_signed_signing_certificate_is_rejected(verified, signer):
    impostor_key = new_key()
    impostor = make_ca("echo-api.amazon.com", impostor_key, not_before=signer.clock.now - timedelta(days=1),
                       not_after=signer.clock.now + timedelta(days=30))
    signer.s3.chains[CERT_URL] = pem(impostor)
    assert_rejected(post(verified, *signer.signed(launch(), key=impostor_key)), verified)


def test_signing_certificate_for_another_domain_is_rejected(verified, signer):
    signer.s3.chains[CERT_URL] = pem(signer.issue_leaf(signer.leaf_key, dns_names=("echo-api.example.com",)),
                                     signer.intermediate)
    assert_rejected(post(verified, *signer.signed(launch())), verified, reason_contains="echo-api.amazon.com")


def test_signing_certificate_without_subject_alternative_names_is_rejected(verified, signer):
    signer.s3.chains[CERT_URL] = pem(signer.issue_leaf(signer.leaf_key, dns_names=()), signer.intermediate)
    assert_rejected(post(verified, *signer.signed(launch())), verified, reason_contains="echo-api.amazon.com")


def test_signing_certificate_need_not_be_for_tls_servers(verified, signer):
    # Amazon's rules ask for the name, the dates and the chain, not a key purpose.
    client_only = signer.issue_leaf(signer.leaf_key, key_purposes=(ExtendedKeyUsageOID.CLIENT_AUTH,))
    signer.s3.chains[CERT_URL] = pem(client_only, signer.intermediate)
    assert post(verified, *signer.signed(launch())).status_code == 200


def test_expired_signing_certificate_is_rejected(verified, signer):
    now = signer.clock.now
    expired = signer.issue_leaf(signer.leaf_key, not_before=now - timedelta(days=10), not_after=now - timedelta(seconds=1))
    signer.s3.chains[CERT_URL] = pem(expired, signer.intermediate)
    assert_rejected(post(verified, *signer.signed(launch())), verified, reason_contains="not valid now")


def test_not_yet_valid_signing_certificate_is_rejected(verified, signer):
    now = signer.clock.now
    future = signer.issue_leaf(signer.leaf_key, not_before=now + timedelta(minutes=5), not_after=now + timedelta(days=10))
    signer.s3.chains[CERT_URL] = pem(future, signer.intermediate)
    assert_rejected(post(verified, *signer.signed(launch())), verified, reason_contains="not valid now")


def test_download_that_is_not_a_certificate_chain_is_rejected(verified, signer):
    signer.s3.chains[CERT_URL] = b"<Error><Code>AccessDenied</Code></Error>"
    assert_rejected(post(verified, *signer.signed(launch())), verified, reason_contains="not a PEM")


def test_failed_download_is_a_400_with_its_reason(verified, signer):
    signer.s3.failure = "certificate chain download failed: TimeoutError"
    assert_rejected(post(verified, *signer.signed(launch())), verified,
                    reason_contains="certificate chain download failed: TimeoutError")


# --- Signature-256 -------------------------------------------------------------------------

def test_signature_by_another_key_is_rejected(verified, signer):
    assert_rejected(post(verified, *signer.signed(launch(), key=new_key())), verified,
                    reason_contains="does not match")


def test_body_changed_after_signing_is_rejected(verified, signer):
    body, headers = signer.signed(launch())
    tampered = body.replace(b'"LaunchRequest"', b'"LaunchRequest" ')
    assert_rejected(post(verified, tampered, headers), verified, reason_contains="does not match")


def test_signature_that_is_not_base64_is_rejected(verified, signer):
    body, headers = signer.signed(launch())
    headers["Signature-256"] = "not*base64!"
    assert_rejected(post(verified, body, headers), verified, reason_contains="not base64")


# --- request.timestamp ---------------------------------------------------------------------

@pytest.mark.parametrize("offset", [timedelta(seconds=-151), timedelta(seconds=151)])
def test_timestamp_more_than_150_seconds_away_is_rejected(verified, signer, offset):
    body = json.dumps(signer.stamp(launch(), offset)).encode()
    assert_rejected(post(verified, body, signer.headers(body)), verified, reason_contains="150 s")


def test_timestamp_just_inside_150_seconds_is_accepted(verified, signer):
    body = json.dumps(signer.stamp(launch(), timedelta(seconds=-150))).encode()
    assert post(verified, body, signer.headers(body)).status_code == 200


def test_timestamp_that_is_not_a_time_is_rejected(verified, signer):
    envelope = launch()
    envelope["request"]["timestamp"] = "yesterday"
    body = json.dumps(envelope).encode()
    assert_rejected(post(verified, body, signer.headers(body)), verified, reason_contains="ISO 8601")


def skill_disabled_event() -> dict:
    return envelopes.envelope({"type": "AlexaSkillEvent.SkillDisabled",
                               "body": {"userInformationPersistenceStatus": "NOT_PERSISTED"}}, with_session=False)


def test_skill_event_may_be_up_to_an_hour_old(verified, signer):
    body = json.dumps(signer.stamp(skill_disabled_event(), timedelta(minutes=-59))).encode()
    assert post(verified, body, signer.headers(body)).status_code == 200


def test_skill_event_older_than_an_hour_is_rejected(verified, signer):
    body = json.dumps(signer.stamp(skill_disabled_event(), timedelta(minutes=-61))).encode()
    assert_rejected(post(verified, body, signer.headers(body)), verified, reason_contains="3600 s")


# --- the skill id --------------------------------------------------------------------------

def test_request_for_another_skill_is_forbidden(verified, signer):
    response = post(verified, *signer.signed(launch(skill_id=FOREIGN_SKILL_ID)))
    assert_rejected(response, verified, status=403, reason_contains="another skill")


def test_session_naming_another_skill_is_forbidden(verified, signer):
    envelope = launch()
    envelope["session"]["application"] = {"applicationId": FOREIGN_SKILL_ID}
    assert_rejected(post(verified, *signer.signed(envelope)), verified, status=403)


def test_any_of_several_configured_skill_ids_is_accepted(signer):
    app = make_app(signer, SKILL_IDS=(envelopes.DEFAULT_SKILL_ID, FOREIGN_SKILL_ID))
    assert post(app, *signer.signed(launch(skill_id=FOREIGN_SKILL_ID))).status_code == 200


# --- the certificate cache -----------------------------------------------------------------

def test_chain_is_downloaded_once_then_served_from_the_cache(verified, signer):
    for _ in range(3):
        assert post(verified, *signer.signed(launch())).status_code == 200
    assert signer.s3.downloads == [CERT_URL]


def test_cached_chain_is_dropped_when_the_signing_certificate_expires(signer, tmp_path):
    clock = Clock()
    short_lived = AlexaSigner(tmp_path, clock=clock, leaf_lifetime=timedelta(hours=1))
    app = make_app(short_lived)
    assert post(app, *short_lived.signed(launch())).status_code == 200
    clock.advance(minutes=59)
    assert post(app, *short_lived.signed(launch())).status_code == 200
    assert short_lived.s3.downloads == [CERT_URL]

    # Amazon publishes a renewed certificate at the same URL; the expired one must not be used again.
    renewed_key = new_key()
    short_lived.s3.chains[CERT_URL] = pem(short_lived.issue_leaf(renewed_key, not_after=clock.now + timedelta(days=30)),
                                          short_lived.intermediate)
    clock.advance(minutes=2)
    assert post(app, *short_lived.signed(launch(), key=renewed_key)).status_code == 200
    assert short_lived.s3.downloads == [CERT_URL, CERT_URL]


def test_cache_keeps_only_the_most_recently_used_chains(signer):
    app = make_app(signer, CERT_CACHE_SIZE=2)
    urls = [f"https://s3.amazonaws.com/echo.api/cert-{n}.pem" for n in range(3)]
    for url in urls:
        signer.s3.chains[url] = signer.s3.chains[CERT_URL]
    for url in urls + [urls[2], urls[0]]:
        assert post(app, *signer.signed(launch(), url=url)).status_code == 200
    cache = app.extensions["request_verifier"].cache
    assert len(cache) == 2
    # cert-0 was pushed out by cert-2, so asking for it again meant a second download.
    assert signer.s3.downloads == urls + [urls[0]]


def test_rejected_chain_is_remembered_briefly_then_fetched_again(verified, signer):
    good_chain = signer.s3.chains[CERT_URL]
    signer.s3.chains[CERT_URL] = pem(signer.leaf)  # intermediate missing
    assert post(verified, *signer.signed(launch())).status_code == 400
    signer.s3.chains[CERT_URL] = good_chain
    # Within the failure memory the same answer comes back without a download...
    response = post(verified, *signer.signed(launch()))
    assert response.status_code == 400 and "not trusted" in response.get_json()["error"]
    assert signer.s3.downloads == [CERT_URL]
    # ...and after it, the chain is fetched and checked again.
    signer.clock.advance(seconds=FAILURE_MEMORY.total_seconds() + 1)
    assert post(verified, *signer.signed(launch())).status_code == 200
    assert signer.s3.downloads == [CERT_URL, CERT_URL]


# --- the real fetcher, against a local server ----------------------------------------------

class _ChainServer(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (http.server's naming)
        status, headers, body, stall = self.routes[self.path]
        if stall:
            stall.wait(5)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def chain_server(signer):
    release = threading.Event()
    chain = signer.s3.chains[CERT_URL]
    _ChainServer.routes = {
        "/echo.api/cert.pem": (200, {"Content-Length": str(len(chain))}, chain, None),
        "/echo.api/huge.pem": (200, {}, b"A" * 5000, None),
        "/echo.api/huge-declared.pem": (200, {"Content-Length": "999999"}, b"", None),
        "/echo.api/slow.pem": (200, {}, chain, release),
        "/echo.api/moved.pem": (302, {"Location": "/echo.api/cert.pem"}, b"", None),
        "/echo.api/gone.pem": (404, {}, b"", None),
    }
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ChainServer)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    release.set()
    server.shutdown()
    server.server_close()


def test_real_fetcher_downloads_a_chain(chain_server, signer):
    fetch = UrlCertificateFetcher(timeout=2, max_bytes=4096)
    assert fetch(chain_server + "/echo.api/cert.pem") == signer.s3.chains[CERT_URL]


@pytest.mark.parametrize("path, reason", [
    ("/echo.api/huge.pem", "larger than 4096 bytes"),
    ("/echo.api/huge-declared.pem", "larger than 4096 bytes"),
    ("/echo.api/slow.pem", "took longer than 0.3 s"),
    ("/echo.api/moved.pem", "HTTP 302"),
    ("/echo.api/gone.pem", "HTTP 404"),
])
def test_real_fetcher_gives_up_with_a_reason(chain_server, path, reason):
    fetch = UrlCertificateFetcher(timeout=0.3, max_bytes=4096)
    with pytest.raises(CertificateFetchFailed, match=reason):
        fetch(chain_server + path)


# --- holes found by the attack review (issue 14) -------------------------------------------

@pytest.mark.parametrize("depth", [70, 700, 2_000])
def test_signed_deeply_nested_request_is_a_400(signer, caplog, depth):
    app = make_app(signer, TESTING=False)  # a 500 would be an answer here, not an exception
    envelope = launch()
    envelope["session"]["attributes"] = {"deep": "DEEP"}
    body = json.dumps(signer.stamp(envelope)).replace('"DEEP"', "[" * depth + "]" * depth).encode()
    with caplog.at_level(logging.INFO):
        response = post(app, body, signer.headers(body))
    assert_rejected(response, app, reason_contains="nested")
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("url, reason", [
    ("https://a:b@s3.amazonaws.com/echo.api/echo-api-cert-local.pem", "user"),
    ("https://user@s3.amazonaws.com/echo.api/echo-api-cert-local.pem", "user"),
    ("https://s3.amazon\taws.com/echo.api/echo-api-cert-local.pem", "control"),
    ("https://s3.amazonaws.com\t/echo.api/echo-api-cert-local.pem", "control"),
    ("https://s3.amazonaws.com/echo.api/echo-api-cert-local.pem\x7f", "control"),
    ("https://s3.amazonaws.com/echo.api/echo-api-cert-local.pem?1", "query"),
    ("https://s3.amazonaws.com/echo.api/echo-api-cert-local.pem?", "query"),
    ("https://s3.amazonaws.com/echo.api/echo-api-cert-local.pem#x", "fragment"),
    ("https://s3.amazonaws.com/echo.api/%2e%2e/echo.api/echo-api-cert-local.pem", "percent"),
    ("https://s3.amazonaws.com/echo.api%2Fecho-api-cert-local.pem", "percent"),
    ("https://s3.amazonaws.com/echo.api/echo-api-cert-local%2Epem", "percent"),
    ("https://s3.amazonaws.com/echo.api/echo api.pem", "character"),
    ("https://s3.amazonaws.com/echo.api\\echo-api-cert-local.pem", "character"),
    ("https://s3.amazonaws.com/echo.api/", "path"),
])
def test_cert_url_outside_amazons_rules_is_rejected_before_any_download(verified, signer, url, reason):
    assert_rejected(post(verified, *signer.signed(launch(), url=url)), verified, reason_contains=reason)
    assert signer.s3.downloads == []


def test_every_spelling_of_one_cert_url_shares_one_download(verified, signer):
    spellings = [
        CERT_URL,
        CERT_URL.upper().replace("/ECHO.API/ECHO-API-CERT-LOCAL.PEM", "/echo.api/echo-api-cert-local.pem"),
        CERT_URL.replace("s3.amazonaws.com", "S3.AmazonAWS.com:443"),
        CERT_URL.replace("/echo.api/", "/echo.api//"),
        CERT_URL.replace("/echo.api/", "/echo.api/./"),
        CERT_URL.replace("/echo.api/", "/echo.api/../echo.api/"),
    ]
    for url in spellings:
        assert post(verified, *signer.signed(launch(), url=url)).status_code == 200, url
    assert signer.s3.downloads == [CERT_URL]
    assert len(verified.extensions["request_verifier"].cache) == 1


def test_a_failed_download_is_remembered_briefly(verified, signer):
    missing = "https://s3.amazonaws.com/echo.api/missing.pem"
    for _ in range(3):
        assert_rejected(post(verified, *signer.signed(launch(), url=missing)), verified, reason_contains="HTTP 404")
    assert signer.s3.downloads == [missing]
    signer.clock.advance(seconds=FAILURE_MEMORY.total_seconds() + 1)
    assert_rejected(post(verified, *signer.signed(launch(), url=missing)), verified)
    assert signer.s3.downloads == [missing, missing]


def test_failures_never_push_alexas_chain_out_of_the_cache(signer):
    app = make_app(signer, CERT_CACHE_SIZE=2)
    assert post(app, *signer.signed(launch())).status_code == 200
    for n in range(50):
        post(app, *signer.signed(launch(), url=f"https://s3.amazonaws.com/echo.api/nothing-{n}.pem"))
    assert post(app, *signer.signed(launch())).status_code == 200
    assert signer.s3.downloads.count(CERT_URL) == 1


def test_concurrent_misses_share_one_download(signer):
    release, started = threading.Event(), threading.Event()
    plain = signer.s3

    def slow_s3(url):
        started.set()
        release.wait(10)
        return plain(url)

    app = make_app(signer, CERT_FETCHER=slow_s3)
    statuses = []

    def one_request():
        statuses.append(post(app, *signer.signed(launch())).status_code)

    threads = [threading.Thread(target=one_request) for _ in range(8)]
    for thread in threads:
        thread.start()
    assert started.wait(10)
    time.sleep(0.2)  # let the other seven arrive at the download in progress (not a measurement)
    release.set()
    for thread in threads:
        thread.join(20)
    assert statuses == [200] * 8
    assert plain.downloads == [CERT_URL]


@pytest.mark.parametrize("error", [http.client.InvalidURL("nonnumeric port"), http.client.BadStatusLine("x"),
                                   RuntimeError("a fetcher bug")])
def test_any_failure_of_a_fetcher_is_a_400(signer, error):
    def failing(url):
        raise error

    app = make_app(signer, CERT_FETCHER=failing, TESTING=False)
    assert_rejected(post(app, *signer.signed(launch())), app, reason_contains="download failed")


class _RawServer:
    """A TCP server on 127.0.0.1 that answers every connection with `behave(connection)`."""

    def __init__(self, behave):
        self.behave = behave
        self.stop = threading.Event()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/echo.api/cert.pem"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection):
        with connection:
            connection.settimeout(5)
            try:
                connection.recv(4096)
                self.behave(connection, self.stop)
            except OSError:
                pass

    def close(self):
        self.stop.set()
        self.thread.join(5)
        self.sock.close()


def _bad_status_line(connection, stop):
    connection.sendall(b"SURPRISE\r\n\r\n")


def _drip(connection, stop):
    # One byte at a time, each well inside the per-read timeout, never finishing.
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" * 100:
        if stop.wait(0.3):
            return
        connection.sendall(bytes([byte]))


@pytest.fixture
def raw_server():
    servers = []

    def start(behave):
        servers.append(_RawServer(behave))
        return servers[-1].url

    yield start
    for server in servers:
        server.close()


def test_real_fetcher_turns_a_bad_status_line_into_a_reason(raw_server):
    fetch = UrlCertificateFetcher(timeout=2, max_bytes=4096)
    with pytest.raises(CertificateFetchFailed, match="download failed: (BadStatusLine|RemoteDisconnected)"):
        fetch(raw_server(_bad_status_line))


def test_real_fetcher_has_a_deadline_for_the_whole_download(raw_server):
    # Every byte arrives well inside the 1 s timeout; the download as a whole never ends.
    fetch = UrlCertificateFetcher(timeout=1, max_bytes=4096)
    with pytest.raises(CertificateFetchFailed, match="took longer than 1 s"):
        fetch(raw_server(_drip))


@pytest.mark.parametrize("url", ["http://127.0.0.1:notaport/echo.api/cert.pem",
                                 "http://127.0.0.1\t:1/echo.api/cert.pem", "http://a:b@127.0.0.1:1/echo.api/x.pem"])
def test_real_fetcher_refuses_urls_it_cannot_use_with_a_reason(url):
    with pytest.raises(CertificateFetchFailed):
        UrlCertificateFetcher(timeout=1)(url)


# --- production entry points ---------------------------------------------------------------

def start_wsgi(**env) -> subprocess.CompletedProcess:
    base = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    return subprocess.run([sys.executable, "-c", "import skill.wsgi"], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("env, complaint", [
    ({"SKILL_ENV": "development", "SKILL_IDS": envelopes.DEFAULT_SKILL_ID}, "SKILL_ENV=development"),
    ({}, "SKILL_IDS is empty"),
])
def test_wsgi_entry_point_refuses_to_serve_unverified(tmp_path, env, complaint):
    started = start_wsgi(DATA_DIR=str(tmp_path), **env)
    assert started.returncode != 0
    assert "UnsafeSettings" in started.stderr and complaint in started.stderr


def test_wsgi_entry_point_serves_unverified_only_when_told(tmp_path):
    started = start_wsgi(DATA_DIR=str(tmp_path), SKILL_ENV="development", ALLOW_UNVERIFIED_REQUESTS="1")
    assert started.returncode == 0, started.stderr
    assert "REQUEST VERIFICATION IS OFF" in started.stderr


def test_wsgi_entry_point_starts_verified_with_a_skill_id(tmp_path):
    started = start_wsgi(DATA_DIR=str(tmp_path), SKILL_IDS=envelopes.DEFAULT_SKILL_ID)
    assert started.returncode == 0, started.stderr


def test_refusals_are_logged_with_their_reason_only(verified, signer, caplog):
    body, headers = signer.signed(launch(skill_id=FOREIGN_SKILL_ID))
    with caplog.at_level(logging.WARNING, logger="skill.verification"):
        post(verified, body, headers)
    assert "request refused (403): request is for another skill" in caplog.text
    assert envelopes.DEFAULT_USER_ID not in caplog.text and FOREIGN_SKILL_ID not in caplog.text
