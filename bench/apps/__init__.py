"""The three WSGI apps the benchmark compares, each served by gunicorn with the same settings."""
from __future__ import annotations

from pathlib import Path


def our_skill_config(bench_dir: Path, cert_url: str) -> dict:
    """Settings for (c): verification on when bench/load.py wrote a trust store, and the default store.

    The certificate chain is served from bench_dir, as the tests' signer serves it, so the verifier's
    cache is warm after the first request. (To benchmark another store, add e.g. "STORE": "dynamodb" here.)
    """
    from skill import envelopes

    settings = {"DATA_DIR": str(bench_dir / "data")}
    if not (bench_dir / "trusted-roots.pem").exists():
        return {**settings, "SKILL_ENV": "development"}

    def fetch_chain(url: str) -> bytes:
        from skill.verification import CertificateFetchFailed

        if url != cert_url:
            raise CertificateFetchFailed("unknown certificate URL")
        return (bench_dir / "chain.pem").read_bytes()

    return {**settings, "SKILL_ENV": "production", "SKILL_IDS": (envelopes.DEFAULT_SKILL_ID,),
            "VERIFY_TRUST_PEM": str(bench_dir / "trusted-roots.pem"), "CERT_FETCHER": fetch_chain}


def our_skill_app(bench_dir: Path, mix):
    from skill import create_app

    return create_app(our_skill_config(bench_dir, mix.signer.cert_url if mix.verified else ""))
