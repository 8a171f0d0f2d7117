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
Downloaded chains are cached per URL until the earliest notAfter in the chain.
"""
from __future__ import annotations

import base64
import binascii
import logging
import posixpath
import threading
import urllib.error
import urllib.request
import warnings
from collections import OrderedDict
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

from .endpoint import BadEnvelope

log = logging.getLogger("skill.verification")

SIGNING_DOMAIN = "echo-api.amazon.com"
CERT_URL_HOST = "s3.amazonaws.com"
CERT_URL_PATH_PREFIX = "/echo.api/"
CERT_URL_PORT = 443
TIMESTAMP_TOLERANCE = timedelta(seconds=150)
SKILL_EVENT_TIMESTAMP_TOLERANCE = timedelta(hours=1)

# Alexa answers within 8 s in all; a certificate download must leave time for the skill itself.
DEFAULT_FETCH_TIMEOUT_SECONDS = 2.0
# Amazon's chain is a few KiB of PEM; anything far bigger is not a certificate chain.
DEFAULT_MAX_CHAIN_BYTES = 32 * 1024
# Amazon rotates signing certificates rarely: a handful of URLs is all a server ever sees.
DEFAULT_CACHE_SIZE = 8

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

def check_cert_chain_url(url: str) -> None:
    """Amazon's shape for SignatureCertChainUrl. Not configurable: tests swap the transport, not this rule."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise RequestNotVerified("SignatureCertChainUrl is not a URL") from None
    if parts.scheme.lower() != "https":
        raise RequestNotVerified("SignatureCertChainUrl must use https")
    if (parts.hostname or "").lower() != CERT_URL_HOST:
        raise RequestNotVerified(f"SignatureCertChainUrl host must be {CERT_URL_HOST}")
    if port is not None and port != CERT_URL_PORT:
        raise RequestNotVerified(f"SignatureCertChainUrl port must be {CERT_URL_PORT}")
    # normpath folds /echo.api/../x into /x; a trailing component keeps the prefix's slash.
    path = posixpath.normpath(parts.path) if parts.path else ""
    if not path.startswith(CERT_URL_PATH_PREFIX):
        raise RequestNotVerified(f"SignatureCertChainUrl path must start with {CERT_URL_PATH_PREFIX}")


# --- downloading the chain -----------------------------------------------------------------

class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # The URL was checked before fetching; a redirect would fetch from somewhere that was not.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise urllib.error.HTTPError(req.full_url, code, "redirects are not followed", headers, fp)


class UrlCertificateFetcher:
    """GETs a chain with a timeout and a size cap. Only ever given URLs that passed check_cert_chain_url."""

    def __init__(self, timeout: float = DEFAULT_FETCH_TIMEOUT_SECONDS, max_bytes: int = DEFAULT_MAX_CHAIN_BYTES):
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._opener = urllib.request.build_opener(_NoRedirects)

    def __call__(self, url: str) -> bytes:
        try:
            with self._opener.open(url, timeout=self.timeout) as response:
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise CertificateFetchFailed(f"certificate chain larger than {self.max_bytes} bytes")
                body = response.read(self.max_bytes + 1)
        except CertificateFetchFailed:
            raise
        except urllib.error.HTTPError as error:
            raise CertificateFetchFailed(f"certificate chain download answered HTTP {error.code}") from None
        except (OSError, ValueError) as error:  # URLError, timeouts, resets are all OSErrors
            raise CertificateFetchFailed(f"certificate chain download failed: {type(error).__name__}") from None
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
                 clock: Clock = utc_now, cache: ChainCache | None = None):
        self.skill_ids = tuple(skill_ids)
        self.store = store if store is not None else load_trust_store()
        self.fetch = fetch or UrlCertificateFetcher()
        self.clock = clock
        self.cache = cache if cache is not None else ChainCache()

    def verify(self, headers, raw_body: bytes, envelope: dict) -> None:
        try:
            self._verify(headers, raw_body, envelope)
        except RequestNotVerified as refused:
            # Reasons name rules, never request content, so they are safe to log.
            log.warning("request refused (%d): %s", refused.status, refused.reason)
            raise

    def _verify(self, headers, raw_body: bytes, envelope: dict) -> None:
        url = headers.get("SignatureCertChainUrl")
        signature = headers.get("Signature-256")
        if not url:
            raise RequestNotVerified("missing SignatureCertChainUrl header")
        if not signature:
            raise RequestNotVerified("missing Signature-256 header")
        check_cert_chain_url(url)
        now = self.clock()
        check_timestamp(envelope["request"], now)
        check_skill_id(envelope, self.skill_ids)
        check_signature(self.signing_key(url, now), signature, raw_body)

    def signing_key(self, url: str, now: datetime) -> rsa.RSAPublicKey:
        cached = self.cache.get(url, now)
        if cached is not None:
            return cached.public_key
        try:
            pem = self.fetch(url)
        except CertificateFetchFailed as error:
            raise RequestNotVerified(str(error)) from None
        chain = validate_chain(pem, self.store, now)
        self.cache.put(url, chain)
        return chain.public_key


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
    fetch = config.get("CERT_FETCHER") or UrlCertificateFetcher(
        timeout=float(config.get("CERT_FETCH_TIMEOUT", DEFAULT_FETCH_TIMEOUT_SECONDS)),
        max_bytes=int(config.get("CERT_MAX_BYTES", DEFAULT_MAX_CHAIN_BYTES)))
    return AlexaRequestVerifier(
        skill_ids=config.get("SKILL_IDS") or (), store=store, fetch=fetch,
        clock=config.get("CLOCK") or utc_now,
        cache=ChainCache(int(config.get("CERT_CACHE_SIZE", DEFAULT_CACHE_SIZE))))


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
