"""A local stand-in for Alexa's request signing, for tests and benchmarks.

It makes its own root CA, intermediate CA and signing certificate (echo-api.amazon.com), serves
the chain from an in-memory "S3" through the app's CERT_FETCHER setting, and signs bodies the
way Alexa does (Signature-256: RSA PKCS#1 v1.5, SHA-256, base64). Nothing of the verification
code is patched: the app is built in production mode with its trust store (VERIFY_TRUST_PEM)
and certificate fetcher (CERT_FETCHER) set through its config.

    from tests.signing import AlexaSigner
    signer = AlexaSigner(tmp_dir)                 # certificates, trust bundle, fetcher, clock
    app = signer.app()                            # verified-mode app (SKILL_ENV=production)
    body, headers = signer.signed(envelopes.envelope(envelopes.launch_request()))
    app.test_client().post("/alexa", data=body, headers=headers)

The three keys are generated once per process and shared by all signers (certificates are
made fresh for each); use new_key() where a test needs a key of its own.
"""
from __future__ import annotations

import base64
import functools
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from skill import create_app, envelopes
from skill.verification import CertificateFetchFailed

CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-local.pem"
SIGNING_DOMAIN = "echo-api.amazon.com"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@functools.cache
def _standard_keys() -> tuple[rsa.RSAPrivateKey, rsa.RSAPrivateKey, rsa.RSAPrivateKey]:
    # Key generation is the slow part; certificates are cheap, so every signer makes fresh ones.
    return new_key(), new_key(), new_key()


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Shared Compassion tests"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _key_usage(for_ca: bool) -> x509.KeyUsage:
    """A CA signs certificates; a signing certificate signs (and, like Amazon's, may encipher keys)."""
    return x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=not for_ca,
                         data_encipherment=False, key_agreement=False, key_cert_sign=for_ca, crl_sign=for_ca,
                         encipher_only=False, decipher_only=False)


def make_ca(common_name: str, key, issuer_cert=None, issuer_key=None, *, not_before: datetime,
            not_after: datetime) -> x509.Certificate:
    """A CA certificate as the Web PKI expects one (self-signed when no issuer is given)."""
    issuer_name = issuer_cert.subject if issuer_cert is not None else _name(common_name)
    signing_key = issuer_key or key
    builder = (x509.CertificateBuilder()
               .subject_name(_name(common_name)).issuer_name(issuer_name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(not_before).not_valid_after(not_after)
               .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
               .add_extension(_key_usage(for_ca=True), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if issuer_cert is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


DEFAULT_KEY_PURPOSES = (ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH)


def make_leaf(key, issuer_cert, issuer_key, *, dns_names=(SIGNING_DOMAIN,), not_before: datetime,
              not_after: datetime, key_purposes=DEFAULT_KEY_PURPOSES) -> x509.Certificate:
    """A signing certificate like Amazon's: SAN echo-api.amazon.com, server and client auth."""
    builder = (x509.CertificateBuilder()
               .subject_name(_name(dns_names[0] if dns_names else "no-san")).issuer_name(issuer_cert.subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(not_before).not_valid_after(not_after)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(_key_usage(for_ca=False), critical=True)
               .add_extension(x509.ExtendedKeyUsage(list(key_purposes)), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                              critical=False))
    if dns_names:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(n) for n in dns_names]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def pem(*certificates: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)


class Clock:
    """A clock the test moves by hand (the app reads it through its CLOCK setting)."""

    def __init__(self, now: datetime | None = None):
        self.now = now or datetime.now(timezone.utc).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@dataclass
class FakeS3:
    """The certificate fetcher the app is given: serves chains by URL and counts downloads."""

    chains: dict = field(default_factory=dict)
    downloads: list = field(default_factory=list)
    failure: str | None = None

    def __call__(self, url: str) -> bytes:
        self.downloads.append(url)
        if self.failure:
            raise CertificateFetchFailed(self.failure)
        if url not in self.chains:
            raise CertificateFetchFailed("certificate chain download answered HTTP 404")
        return self.chains[url]


class AlexaSigner:
    """A root, an intermediate and a signing certificate, and the means to sign like Alexa."""

    def __init__(self, directory: Path, clock: Clock | None = None, leaf_lifetime=timedelta(days=30)):
        self.directory = Path(directory)
        self.clock = clock or Clock()
        start = self.clock.now - timedelta(days=1)
        self.root_key, self.intermediate_key, self.leaf_key = _standard_keys()
        self.root = make_ca("Local Root CA", self.root_key, not_before=start, not_after=start + timedelta(days=3650))
        self.intermediate = make_ca("Local Intermediate CA", self.intermediate_key, self.root, self.root_key,
                                    not_before=start, not_after=start + timedelta(days=1825))
        self.leaf = self.issue_leaf(self.leaf_key, not_after=self.clock.now + leaf_lifetime)
        self.trust_pem = self.directory / "trusted-roots.pem"
        self.trust_pem.write_bytes(pem(self.root))
        self.s3 = FakeS3({CERT_URL: pem(self.leaf, self.intermediate)})

    def issue_leaf(self, key, *, dns_names=(SIGNING_DOMAIN,), not_before=None, not_after=None,
                   key_purposes=DEFAULT_KEY_PURPOSES) -> x509.Certificate:
        return make_leaf(key, self.intermediate, self.intermediate_key, dns_names=dns_names,
                         not_before=not_before or self.clock.now - timedelta(hours=1),
                         not_after=not_after or self.clock.now + timedelta(days=30), key_purposes=key_purposes)

    def config(self, **overrides) -> dict:
        """Settings for a verified-mode app that trusts only this signer's root."""
        return {"TESTING": True, "SKILL_ENV": "production", "SKILL_IDS": (envelopes.DEFAULT_SKILL_ID,),
                "DATA_DIR": str(self.directory), "VERIFY_TRUST_PEM": str(self.trust_pem),
                "CERT_FETCHER": self.s3, "CLOCK": self.clock, **overrides}

    def app(self, **overrides):
        return create_app(self.config(**overrides))

    def sign(self, body: bytes, key=None) -> str:
        signature = (key or self.leaf_key).sign(body, padding.PKCS1v15(), hashes.SHA256())
        return base64.b64encode(signature).decode("ascii")

    def headers(self, body: bytes, url: str = CERT_URL, key=None) -> dict:
        return {"Content-Type": "application/json", "SignatureCertChainUrl": url,
                "Signature-256": self.sign(body, key)}

    def stamp(self, envelope: dict, offset: timedelta = timedelta(0)) -> dict:
        """The envelope with request.timestamp set from this signer's clock (plus `offset`)."""
        envelope["request"]["timestamp"] = (self.clock.now + offset).strftime("%Y-%m-%dT%H:%M:%SZ")
        return envelope

    def signed(self, envelope: dict, url: str = CERT_URL, key=None) -> tuple[bytes, dict]:
        """(raw body, headers) for a request Alexa would send now."""
        body = json.dumps(self.stamp(envelope)).encode()
        return body, self.headers(body, url, key)
