"""What request verification costs per request once the certificate chain is cached (a benchmark, not a test).

Three measurements, each the median and p99 over --requests runs:
  verify     AlexaRequestVerifier.verify() alone, warm cache (URL and timestamp checks, skill id,
             cache look-up, RSA-2048 PKCS#1 v1.5 SHA-256 signature check)
  verified   a signed LaunchRequest through the whole Flask app, verification on (production mode)
  unverified the same request through an app in development mode (verification off)
and the cold path once: the first request, which downloads (here: from memory) and validates the chain.
The certificates are the tests' own (tests/signing.py), RSA-2048 like Amazon's.

    .venv/bin/python bench/verify_cost.py [--requests 2000]
"""
from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from signing import CERT_URL, AlexaSigner  # noqa: E402

from skill import create_app, envelopes  # noqa: E402
from skill.verification import verifier_from_config  # noqa: E402


def timed(action, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"{name:<11} median {statistics.median(ordered):7.3f} ms   p99 {p99:7.3f} ms   (n={len(ordered)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    logging.getLogger("skill.requests").setLevel(logging.WARNING)  # one line per request would be timed too

    with tempfile.TemporaryDirectory() as directory:
        signer = AlexaSigner(Path(directory))
        body, headers = signer.signed(envelopes.envelope(envelopes.launch_request()))
        envelope = json.loads(body)

        verifier = verifier_from_config(signer.config())
        started = time.perf_counter()
        verifier.verify(headers, body, envelope)
        cold = (time.perf_counter() - started) * 1000
        verify_only = timed(lambda: verifier.verify(headers, body, envelope), args.requests)

        verified_client = signer.app().test_client()
        unverified_client = create_app({"TESTING": True, "SKILL_ENV": "development", "DATA_DIR": directory}).test_client()

        def post_verified():
            assert verified_client.post("/alexa", data=body, headers=headers).status_code == 200

        def post_unverified():
            assert unverified_client.post("/alexa", data=body, headers=headers).status_code == 200

        post_verified(), post_unverified()  # warm both (the verified one downloads its chain here)
        verified, unverified = [], []
        for _ in range(args.requests // 100):  # interleaved, so machine noise hits both alike
            verified += timed(post_verified, 100)
            unverified += timed(post_unverified, 100)

    print(f"cold first verification (download from memory + chain validation): {cold:.2f} ms; "
          f"downloads: {len(signer.s3.downloads)} of {CERT_URL}")
    print(summary("verify", verify_only))
    print(summary("verified", verified))
    print(summary("unverified", unverified))
    print(f"verification adds {statistics.median(verified) - statistics.median(unverified):.3f} ms "
          f"per request at the median (warm cache)")


if __name__ == "__main__":
    main()
