"""Proof that a request comes from Alexa, for the skill served as a web service.

Amazon's rules, from "Host a Custom Skill as a Web Service", section "Verify that the request
was sent by Alexa": https://developer.amazon.com/docs/custom-skills/host-a-custom-skill-as-a-web-service.html
  - SignatureCertChainUrl: scheme https, host s3.amazonaws.com (both case-insensitive), path
    starting with /echo.api/ (case-sensitive) once normalised, port 443 if any;
  - the PEM chain it names: the signing certificate valid now, echo-api.amazon.com among its
    subject alternative names, and the chain leading to a trusted root CA;
  - Signature-256: base64 RSA PKCS#1 v1.5 signature with SHA-256 over the raw request body;
  - request.timestamp within 150 seconds of now (AlexaSkillEvent.* requests: up to an hour,
    since Alexa may deliver skill events late).
And from "Handle Requests Sent by Alexa": the application id must be one of ours, so nobody can
point another skill at this endpoint.

Chains are checked with cryptography's own path building (cryptography.x509.verification).

The URL is reduced to one canonical spelling first (anything Amazon's URLs never contain is
refused: a query, a fragment, user info, percent-encoding, control characters), and that is the
URL fetched and the key of the caches, so that nobody can force fresh downloads by re-spelling
Alexa's URL. Validated chains are cached until the earliest notAfter in the chain; failures are
remembered for FAILURE_MEMORY, apart, so they can never push a good chain out; and requests that
miss at the same moment wait for one download instead of starting their own.
"""
from __future__ import annotations

import base64
import binascii
import http.client
import logging
import posixpath
import re
import socket
import threading
import warnings
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable
from urllib.parse import urlsplit

import certifi
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.verification import (
    Criticality,
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)

from .endpoint import BadEnvelope, without_control_characters

log = logging.getLogger("skill.verification")

SIGNING_DOMAIN = "echo-api.amazon.com"
CERT_URL_HOST = "s3.amazonaws.com"
CERT_URL_PATH_PREFIX = "/echo.api/"
CERT_URL_PORT = 443
TIMESTAMP_TOLERANCE = timedelta(seconds=150)
SKILL_EVENT_TIMESTAMP_TOLERANCE = timedelta(hours=1)

# Alexa answers within 8 s in all; a certificate download must leave time for the skill itself.
# This bounds the whole download (connecting, headers and body), not each read.
DEFAULT_FETCH_TIMEOUT_SECONDS = 2.0
# Amazon's chain is a few KiB of PEM; anything far bigger is not a certificate chain.
DEFAULT_MAX_CHAIN_BYTES = 32 * 1024
# Amazon rotates signing certificates rarely: a handful of URLs is all a server ever sees.
DEFAULT_CACHE_SIZE = 8
# How long a failed download or a rejected chain is answered from memory: long enough that a
# flood of requests naming a bad URL costs one download, short enough that an S3 hiccup passes.
FAILURE_MEMORY = timedelta(seconds=10)
FAILURE_CACHE_SIZE = 64

# The characters of Amazon's certificate paths (RFC 3986 unreserved, and "/"). Everything else,
# "%" above all, would let one S3 object have many names.
_CERT_URL_PATH = re.compile(r"[A-Za-z0-9._~/-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

CertificateFetcher = Callable[[str], bytes]
Clock = Callable[[], datetime]


class RequestNotVerified(BadEnvelope):
    """The request could not be shown to come from Alexa for this skill (400, or 403 for a foreign skill)."""


class CertificateFetchFailed(Exception):
    """The certificate chain could not be downloaded."""


class UnsafeSettings(RuntimeError):
    """A production entry point was asked to start without checking where requests come from."""


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


# --- the certificate URL -------------------------------------------------------------------

def canonical_cert_chain_url(url: str) -> str:
    """Amazon's shape for SignatureCertChainUrl, as its one canonical spelling, or RequestNotVerified.

    Not configurable: tests swap the transport, not this rule.
    """
    # Before parsing: urlsplit quietly drops tabs and newlines, which http.client then refuses.
    if _CONTROL.search(url):
        raise RequestNotVerified("SignatureCertChainUrl contains control characters")
    if "?" in url:
        raise RequestNotVerified("SignatureCertChainUrl must not have a query")
    if "#" in url:
        raise RequestNotVerified("SignatureCertChainUrl must not have a fragment")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise RequestNotVerified("SignatureCertChainUrl is not a URL") from None
    if parts.scheme.lower() != "https":
        raise RequestNotVerified("SignatureCertChainUrl must use https")
    if "@" in parts.netloc:
        raise RequestNotVerified("SignatureCertChainUrl must not have user info")
    if (parts.hostname or "").lower() != CERT_URL_HOST:
        raise RequestNotVerified(f"SignatureCertChainUrl host must be {CERT_URL_HOST}")
    if port is not None and port != CERT_URL_PORT:
        raise RequestNotVerified(f"SignatureCertChainUrl port must be {CERT_URL_PORT}")
    if "%" in parts.path:
        raise RequestNotVerified("SignatureCertChainUrl must not use percent-encoding")
    if parts.path and not _CERT_URL_PATH.fullmatch(parts.path):
        raise RequestNotVerified("SignatureCertChainUrl path has a character Amazon's URLs never use")
    # normpath folds /echo.api/../x into /x and // into /; a trailing component keeps the prefix's slash.
    path = posixpath.normpath(parts.path) if parts.path else ""
    if not path.startswith(CERT_URL_PATH_PREFIX):
        raise RequestNotVerified(f"SignatureCertChainUrl path must start with {CERT_URL_PATH_PREFIX}")
    return f"https://{CERT_URL_HOST}{path}"


# --- downloading the chain -----------------------------------------------------------------

class UrlCertificateFetcher:
    """GETs a chain within a deadline and a size cap; never follows redirects.

    Only ever given canonical URLs (canonical_cert_chain_url). The deadline covers the whole
    download: a server sending one byte a second would never trip a per-read timeout, so a
    watchdog shuts the socket down when the time is up.
    """

    def __init__(self, timeout: float = DEFAULT_FETCH_TIMEOUT_SECONDS, max_bytes: int = DEFAULT_MAX_CHAIN_BYTES):
        self.timeout = timeout
        self.max_bytes = max_bytes

    def __call__(self, url: str) -> bytes:
        expired = threading.Event()
        connection = None

        def give_up():
            expired.set()
            sock = connection.sock if connection is not None else None
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

        watchdog = threading.Timer(self.timeout, give_up)
        watchdog.daemon = True
        watchdog.start()
        try:
            parts = urlsplit(url)
            if parts.username is not None or parts.password is not None:
                raise CertificateFetchFailed("certificate chain URL has user info")
            kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
            connection = kind(parts.hostname or "", parts.port, timeout=self.timeout)
            connection.connect()
            if expired.is_set():  # the watchdog may have fired before there was a socket to shut
                raise TimeoutError
            connection.request("GET", parts.path or "/", headers={"Accept": "*/*"})
            response = connection.getresponse()
            if response.status != 200:
                # Redirects included: the URL was checked, wherever it points was not.
                raise CertificateFetchFailed(f"certificate chain download answered HTTP {response.status}")
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise CertificateFetchFailed(f"certificate chain larger than {self.max_bytes} bytes")
            body = response.read(self.max_bytes + 1)
            if expired.is_set():
                raise TimeoutError
        except CertificateFetchFailed:
            raise
        except (OSError, ValueError, http.client.HTTPException) as error:
            # URLError, timeouts, resets, TLS errors are OSErrors; InvalidURL, BadStatusLine HTTPExceptions.
            if expired.is_set() or isinstance(error, TimeoutError):  # the watchdog, or a read timing out first
                raise CertificateFetchFailed(
                    f"certificate chain download took longer than {self.timeout:g} s") from None
            raise CertificateFetchFailed(f"certificate chain download failed: {type(error).__name__}") from None
        finally:
            watchdog.cancel()
            if connection is not None:
                connection.close()
        if len(body) > self.max_bytes:
            raise CertificateFetchFailed(f"certificate chain larger than {self.max_bytes} bytes")
        return body


# --- validating the chain ------------------------------------------------------------------

def load_trust_store(pem_path: str | None = None) -> Store:
    """The roots a chain must lead to: Mozilla's (certifi) unless a PEM bundle is named."""
    with open(pem_path or certifi.where(), "rb") as bundle:
        pems = bundle.read()
    with warnings.catch_warnings():
        # One of Mozilla's older roots has a non-positive serial number; cryptography warns, still loads it.
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        return Store(x509.load_pem_x509_certificates(pems))


def _leaf_policy() -> ExtensionPolicy:
    # Web PKI defaults for the signing certificate, except the TLS-server extended key usage:
    # Amazon's rules ask for the SAN, validity and chain, not for a particular key purpose.
    return ExtensionPolicy.webpki_defaults_ee().may_be_present(
        x509.ExtendedKeyUsage, Criticality.AGNOSTIC, None)


@dataclass(frozen=True)
class VerifiedChain:
    public_key: rsa.RSAPublicKey
    expires: datetime  # the earliest notAfter in the validated chain


def validate_chain(pem: bytes, store: Store, now: datetime) -> VerifiedChain:
    """The signing key of a PEM chain, if the chain is valid now and names echo-api.amazon.com."""
    try:
        certificates = x509.load_pem_x509_certificates(pem)
    except ValueError:
        raise RequestNotVerified("certificate chain is not a PEM certificate list") from None
    leaf, intermediates = certificates[0], certificates[1:]
    try:
        names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        dns_names = names.get_values_for_type(x509.DNSName)
    except x509.ExtensionNotFound:
        dns_names = []
    if SIGNING_DOMAIN not in (name.lower() for name in dns_names):
        raise RequestNotVerified(f"signing certificate does not name {SIGNING_DOMAIN}")
    if not leaf.not_valid_before_utc <= now <= leaf.not_valid_after_utc:
        raise RequestNotVerified("signing certificate is not valid now")
    verifier = (PolicyBuilder().store(store).time(now)
                .extension_policies(ca_policy=ExtensionPolicy.webpki_defaults_ca(), ee_policy=_leaf_policy())
                .build_server_verifier(x509.DNSName(SIGNING_DOMAIN)))
    try:
        chain = verifier.verify(leaf, intermediates)
    except VerificationError as error:
        raise RequestNotVerified(f"certificate chain is not trusted: {str(error)[:160]}") from None
    public_key = leaf.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise RequestNotVerified("signing certificate key is not RSA")
    return VerifiedChain(public_key, min(c.not_valid_after_utc for c in chain))


class ChainCache:
    """Validated chains per URL, each until it expires; least recently used dropped beyond `size`."""

    def __init__(self, size: int = DEFAULT_CACHE_SIZE):
        self.size = size
        self._entries: OrderedDict[str, VerifiedChain] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, url: str, now: datetime) -> VerifiedChain | None:
        with self._lock:
            entry = self._entries.get(url)
            if entry is None:
                return None
            if now > entry.expires:
                del self._entries[url]
                return None
            self._entries.move_to_end(url)
            return entry

    def put(self, url: str, entry: VerifiedChain) -> None:
        with self._lock:
            self._entries[url] = entry
            self._entries.move_to_end(url)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, url: str) -> bool:
        return url in self._entries


class FailureMemory:
    """Why a URL failed lately, per URL, for FAILURE_MEMORY; kept apart from the chains."""

    def __init__(self, size: int = FAILURE_CACHE_SIZE, lasts: timedelta = FAILURE_MEMORY):
        self.size = size
        self.lasts = lasts
        self._reasons: OrderedDict[str, tuple[str, datetime]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, url: str, now: datetime) -> str | None:
        with self._lock:
            remembered = self._reasons.get(url)
            if remembered is None:
                return None
            reason, until = remembered
            if now > until:
                del self._reasons[url]
                return None
            return reason

    def put(self, url: str, reason: str, now: datetime) -> None:
        with self._lock:
            self._reasons[url] = (reason, now + self.lasts)
            self._reasons.move_to_end(url)
            while len(self._reasons) > self.size:
                self._reasons.popitem(last=False)


# --- the request ---------------------------------------------------------------------------

def check_skill_id(envelope: dict, skill_ids) -> None:
    """403 unless every application id in the envelope is one of ours (no ids configured: any)."""
    if not skill_ids:
        return
    ids = [envelope["context"]["System"]["application"]["applicationId"]]
    session_application = (envelope.get("session") or {}).get("application")
    if isinstance(session_application, dict) and "applicationId" in session_application:
        ids.append(session_application["applicationId"])
    if any(i not in skill_ids for i in ids):
        raise RequestNotVerified("request is for another skill", status=403)


def check_timestamp(request: dict, now: datetime) -> None:
    try:
        sent = datetime.fromisoformat(request["timestamp"])
    except ValueError:
        raise RequestNotVerified("request.timestamp is not an ISO 8601 time") from None
    if sent.tzinfo is None:
        raise RequestNotVerified("request.timestamp has no time zone")
    is_skill_event = request["type"].startswith("AlexaSkillEvent.")
    tolerance = SKILL_EVENT_TIMESTAMP_TOLERANCE if is_skill_event else TIMESTAMP_TOLERANCE
    if abs(now - sent) > tolerance:
        raise RequestNotVerified(f"request.timestamp is more than {int(tolerance.total_seconds())} s from now")


def check_signature(public_key: rsa.RSAPublicKey, signature_header: str, raw_body: bytes) -> None:
    try:
        signature = base64.b64decode(signature_header, validate=True)
    except (binascii.Error, ValueError):
        raise RequestNotVerified("Signature-256 is not base64") from None
    try:
        public_key.verify(signature, raw_body, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise RequestNotVerified("Signature-256 does not match the body") from None


class AlexaRequestVerifier:
    """All of Amazon's checks, in the order that costs least for a request that fails."""

    def __init__(self, skill_ids=(), store: Store | None = None, fetch: CertificateFetcher | None = None,
                 clock: Clock = utc_now, cache: ChainCache | None = None,
                 wait_seconds: float = DEFAULT_FETCH_TIMEOUT_SECONDS + 1):
        self.skill_ids = tuple(skill_ids)
        self.store = store if store is not None else load_trust_store()
        self.fetch = fetch or UrlCertificateFetcher()
        self.clock = clock
        self.cache = cache if cache is not None else ChainCache()
        self.failures = FailureMemory()
        # How long a request waits for a download another request started (a little over its deadline).
        self.wait_seconds = wait_seconds
        self._downloads: dict[str, Future] = {}
        self._downloads_lock = threading.Lock()

    def verify(self, headers, raw_body: bytes, envelope: dict) -> None:
        try:
            self._verify(headers, raw_body, envelope)
        except RequestNotVerified as refused:
            # Reasons name rules, never request content, so they are safe to log.
            log.warning("request refused (%d): %s", refused.status, without_control_characters(refused.reason))
            raise

    def _verify(self, headers, raw_body: bytes, envelope: dict) -> None:
        url = headers.get("SignatureCertChainUrl")
        signature = headers.get("Signature-256")
        if not url:
            raise RequestNotVerified("missing SignatureCertChainUrl header")
        if not signature:
            raise RequestNotVerified("missing Signature-256 header")
        url = canonical_cert_chain_url(url)
        now = self.clock()
        check_timestamp(envelope["request"], now)
        check_skill_id(envelope, self.skill_ids)
        check_signature(self.signing_key(url, now), signature, raw_body)

    def signing_key(self, url: str, now: datetime) -> rsa.RSAPublicKey:
        """The key of the chain at canonical `url`: cached, remembered as failed, or fetched once."""
        cached = self.cache.get(url, now)
        if cached is not None:
            return cached.public_key
        reason = self.failures.get(url, now)
        if reason is not None:
            raise RequestNotVerified(reason)
        with self._downloads_lock:
            download = self._downloads.get(url)
            leader = download is None
            if leader:
                download = self._downloads[url] = Future()
        if not leader:
            try:
                return download.result(timeout=self.wait_seconds).public_key
            except TimeoutError:
                raise RequestNotVerified("certificate chain download is taking too long") from None
        try:
            chain = self._download_and_validate(url, now)
        except RequestNotVerified as refused:
            self.failures.put(url, refused.reason, now)
            download.set_exception(RequestNotVerified(refused.reason))
            raise
        else:
            self.cache.put(url, chain)
            download.set_result(chain)
            return chain.public_key
        finally:
            if not download.done():  # never leave the requests waiting on this one hanging
                download.set_exception(RequestNotVerified("certificate chain could not be checked"))
            with self._downloads_lock:
                del self._downloads[url]

    def _download_and_validate(self, url: str, now: datetime) -> VerifiedChain:
        """The validated chain, or RequestNotVerified: whatever the bytes, never a 500."""
        try:
            pem = self.fetch(url)
        except CertificateFetchFailed as error:
            raise RequestNotVerified(str(error)) from None
        except Exception as error:  # a fetcher must never turn a bad request into a 500
            raise RequestNotVerified(f"certificate chain download failed: {type(error).__name__}") from None
        try:
            return validate_chain(pem, self.store, now)
        except RequestNotVerified:
            raise
        except Exception as error:  # cryptography's parsers refuse some malformed certificates lazily
            raise RequestNotVerified(f"certificate chain could not be checked: {type(error).__name__}") from None


class NoVerification:
    """Development only: every request is taken as coming from Alexa."""

    def verify(self, headers, raw_body: bytes, envelope: dict) -> None:
        return None


# --- wiring --------------------------------------------------------------------------------

def is_development(config) -> bool:
    return config.get("SKILL_ENV") == "development"


def verifier_from_config(config) -> AlexaRequestVerifier | NoVerification:
    if is_development(config):
        return NoVerification()
    store = load_trust_store(config.get("VERIFY_TRUST_PEM"))
    timeout = float(config.get("CERT_FETCH_TIMEOUT", DEFAULT_FETCH_TIMEOUT_SECONDS))
    fetch = config.get("CERT_FETCHER") or UrlCertificateFetcher(
        timeout=timeout, max_bytes=int(config.get("CERT_MAX_BYTES", DEFAULT_MAX_CHAIN_BYTES)))
    return AlexaRequestVerifier(
        skill_ids=config.get("SKILL_IDS") or (), store=store, fetch=fetch,
        clock=config.get("CLOCK") or utc_now,
        cache=ChainCache(int(config.get("CERT_CACHE_SIZE", DEFAULT_CACHE_SIZE))), wait_seconds=timeout + 1)


def require_safe_production_settings(config, environ) -> None:
    """For skill/wsgi.py and the Lambda handler: refuse to serve unchecked requests unless told to."""
    if environ.get("ALLOW_UNVERIFIED_REQUESTS") == "1":
        return
    if is_development(config):
        raise UnsafeSettings(
            "SKILL_ENV=development turns request verification off; a production entry point will not "
            "serve that. Unset SKILL_ENV, or set ALLOW_UNVERIFIED_REQUESTS=1 for local use only.")
    if not config.get("SKILL_IDS"):
        raise UnsafeSettings(
            "SKILL_IDS is empty, so requests from any skill would be answered. Set SKILL_IDS to your "
            "skill id (developer console), or ALLOW_UNVERIFIED_REQUESTS=1 for local use only.")


def init_app(app) -> None:
    app.extensions["request_verifier"] = verifier_from_config(app.config)
    if isinstance(app.extensions["request_verifier"], NoVerification):
        log.warning("\n%s\nREQUEST VERIFICATION IS OFF (SKILL_ENV=development): any caller can talk to "
                    "this skill.\nNever expose this server to the internet.\n%s", "!" * 78, "!" * 78)
    elif not app.config.get("SKILL_IDS"):
        log.warning("SKILL_IDS is empty: requests signed by Alexa for ANY skill will be answered.")
