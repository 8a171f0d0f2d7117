"""(c) Our skill as deployed: request verification on (where the build has it) and the default store.

bench/load.py writes a test certificate chain and trust store into $BENCH_DIR and signs every request;
without skill/verification.py (the verify branch) the app runs in development mode and
bench/results.md says so.
"""
import os
from pathlib import Path

from bench.apps import our_skill_config
from skill import create_app

app = create_app(our_skill_config(Path(os.environ["BENCH_DIR"]), os.environ.get("BENCH_CERT_URL", "")))
