"""deploy/nginx/shared-compassion.conf in front of gunicorn (gunicorn.conf.py's defaults), on 127.0.0.1.

gunicorn has no deadline for reading a request, so slow clients can hold all of its threads; the
shipped nginx configuration is the answer, and this runs it: the file itself, with only the lines
marked "yours", the listen port and the upstream port replaced, and a throwaway certificate.
Needs Debian's nginx (`make test` installs it through scripts/ensure-nginx); without it the test
is skipped, in CI (CI=true) it fails.
"""
from __future__ import annotations

import datetime
import getpass
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from skill import envelopes

ROOT = Path(__file__).resolve().parent.parent
SITE_CONF = ROOT / "deploy" / "nginx" / "shared-compassion.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# More half-sent requests than gunicorn.conf.py's 2 workers x 4 threads can hold.
SLOW_CLIENTS = 12


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answering(url: str, process: subprocess.Popen, log: Path, context=None) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url, timeout=1, context=context).read()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"{url} did not answer:\n{log.read_text()}")
            time.sleep(0.1)


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
                   .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def render_site(listen_port: int, upstream_port: int, cert: Path, key: Path, log_dir: Path) -> str:
    """The shipped file with only its site-specific lines replaced (each must be found exactly once)."""
    text = SITE_CONF.read_text()
    replacements = [
        (r"server 127\.0\.0\.1:8000;", f"server 127.0.0.1:{upstream_port};"),
        (r"listen 443 ssl;", f"listen 127.0.0.1:{listen_port} ssl;"),
        (r"listen \[::\]:443 ssl;", ""),
        (r"ssl_certificate /\S+;", f"ssl_certificate {cert};"),
        (r"ssl_certificate_key /\S+;", f"ssl_certificate_key {key};"),
        (r"access_log /var/log/nginx/\S+", f"access_log {log_dir / 'access.log'}"),
    ]
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text)
        assert count == 1, f"{SITE_CONF.name}: expected one {pattern!r}, found {count}"
    return text


@pytest.fixture
def gunicorn(tmp_path):
    if not Path(NGINX).exists():
        message = "nginx is missing (scripts/ensure-nginx installs it; `make test` runs it)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    # gunicorn.conf.py's own worker and thread counts: the ones a slow client would exhaust.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "SKILL_IDS": envelopes.DEFAULT_SKILL_ID,
           "DATA_DIR": str(tmp_path)}
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py",
                                    "--bind", f"127.0.0.1:{port}", "skill.wsgi:app"],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/health", process, log)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def nginx(gunicorn, tmp_path):
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    cert, key = self_signed_certificate(prefix)
    port = free_port()
    (prefix / "site.conf").write_text(render_site(port, gunicorn, cert, key, prefix))
    (prefix / "nginx.conf").write_text(f"""
user {getpass.getuser()};
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/site.conf;
}}
""")
    log = prefix / "nginx.out"
    with log.open("w") as out:
        process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                                    "-e", str(prefix / "error.log")], stdout=out, stderr=subprocess.STDOUT)
    context = ssl.create_default_context(cafile=str(cert))
    context.check_hostname = False
    try:
        wait_until_answering(f"https://127.0.0.1:{port}/health", process, log, context)
        yield f"https://127.0.0.1:{port}", context
    finally:
        process.terminate()
        process.wait(timeout=10)


def half_sent_request(port: int, context: ssl.SSLContext) -> socket.socket:
    """A POST /alexa that promises 2,000 bytes of body and sends the first one."""
    connection = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=5))
    connection.sendall(b"POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       b"Content-Length: 2000\r\n\r\n{")
    return connection


def trickle(connections: list[socket.socket], stop: threading.Event) -> None:
    """One more byte of each body every second: inside every read deadline, never finishing."""
    while not stop.wait(1):
        for connection in connections:
            try:
                connection.sendall(b" ")
            except OSError:
                pass


def still_waiting(connection: ssl.SSLSocket) -> bool:
    """Connected, and nothing answered yet (TLS records such as session tickets are not answers)."""
    connection.setblocking(False)
    try:
        connection.recv(1)
    except ssl.SSLWantReadError:
        return True
    except OSError:
        return False
    return False  # an answer, or the end of the connection


def test_slow_clients_through_nginx_do_not_stop_health(nginx):
    base, context = nginx
    port = int(base.rsplit(":", 1)[1])
    slow = [half_sent_request(port, context) for _ in range(SLOW_CLIENTS)]
    stop = threading.Event()
    dripping = threading.Thread(target=trickle, args=(slow, stop), daemon=True)
    dripping.start()
    try:
        for _ in range(3):
            # The timeout only keeps a broken setup from hanging the suite.
            with urllib.request.urlopen(base + "/health", timeout=30, context=context) as answer:
                assert answer.status == 200 and json.loads(answer.read()) == {"status": "ok"}
        # ...while every slow client is still connected and unanswered: /health did not wait
        # for nginx to drop them.
        stop.set()
        dripping.join(5)
        assert all(still_waiting(connection) for connection in slow)
        # /alexa still reaches the app, which still checks signatures.
        request = urllib.request.Request(base + "/alexa", method="POST",
                                         data=json.dumps(envelopes.envelope(envelopes.launch_request())).encode(),
                                         headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30, context=context)
        assert refused.value.code == 400
        assert json.loads(refused.value.read()) == {"error": "missing SignatureCertChainUrl header"}
    finally:
        stop.set()
        dripping.join(5)
        for connection in slow:
            connection.close()


def test_nginx_serves_nothing_but_the_skill(nginx):
    base, context = nginx
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(base + "/simulator", timeout=5, context=context)
    assert missing.value.code == 404
