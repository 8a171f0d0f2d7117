"""Where the time of one request goes: the benchmark's request mix through the app in-process, under cProfile.

    .venv/bin/python bench/profile_requests.py [--repeat 20] [--sort tottime] [--limit 30]

Serving and HTTP are left out (they are the same for all three apps); what is left is ours and ask-sdk's.
"""
from __future__ import annotations

import argparse
import cProfile
import logging
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench.load import request_mix  # noqa: E402
from bench.apps import our_skill_app  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--limit", type=int, default=35)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # request log lines are not what is profiled here
    with tempfile.TemporaryDirectory() as directory:
        mix = request_mix(Path(directory))
        client = our_skill_app(Path(directory), mix).test_client()
        requests = mix.fresh()
        for body, headers in requests:  # warm: certificate cache, lazy imports
            assert client.post("/alexa", data=body, headers=headers).status_code == 200
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(args.repeat):
            for body, headers in requests:
                client.post("/alexa", data=body, headers=headers)
        profiler.disable()
        elapsed = time.perf_counter() - started
    count = args.repeat * len(requests)
    print(f"{count} requests, {elapsed / count * 1e6:.0f} us each under the profiler")
    pstats.Stats(profiler).strip_dirs().sort_stats(args.sort).print_stats(args.limit)


if __name__ == "__main__":
    main()
