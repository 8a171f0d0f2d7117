"""The benchmark: (a) bare Flask, (b) an ask-sdk-core hello skill, (c) our skill, side by side.

    make bench            # or: .venv/bin/python bench/run.py [--seconds 10] [--rounds 2]

Each app is served by gunicorn with the repo's gunicorn.conf.py (same workers and threads for all
three) on 127.0.0.1; wrk (Debian's, installed with apt-get when missing) is the load generator, a
separate process, 8 connections for a bounded time, cycling through the same requests for all three:
a realistic mix of practice turns (launch, begin, ready, a feeling, a presence, repeat, help, rest,
session end) for many users, signed by a test certificate when the build has request verification.
Rounds alternate a, b, c so machine noise hits all three alike; the best round of each is reported.
Also: cold start (import and build) against flask + ask-sdk-core alone, first-request latency,
the start-to-first-answer table of bench/cold_start.py (process and Lambda shape),
worker memory after 10,000 requests, and the Lambda zip size when `make package` has made one.
Writes bench/results.md (a table, also pasted into the README) and bench/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench import cold_start as cold_start_to_answer  # noqa: E402
from bench.load import (cpu_seconds, free_port, gunicorn_env, request_mix, start_gunicorn,  # noqa: E402
                        stop, wait_until_serving, worker_pids, worker_rss_kib, wrk, wrk_script)

APPS = {
    "a": ("bare Flask route, fixed response", "bench.apps.bare_flask:app"),
    "b": ("ask-sdk-core hello skill, plain Flask adapter", "bench.apps.hello_skill:app"),
    "c": ("Shared Compassion", "bench.apps.our_skill:app"),
}
CONNECTIONS = 8
MEMORY_AFTER_REQUESTS = 10_000


def cold_start(runs: int, env: dict) -> dict:
    """Median wall time of a fresh interpreter importing each thing (build included for ours)."""
    commands = {
        "ours": "import skill.wsgi",
        "flask_and_ask_sdk_core": "import flask, ask_sdk_core.skill_builder",
        "python_only": "pass",
    }
    timings = {name: [] for name in commands}
    for _ in range(runs):
        for name, code in commands.items():  # interleaved, so noise hits all alike
            started = time.perf_counter()
            subprocess.run([PYTHON, "-c", code], env=env, check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            timings[name].append((time.perf_counter() - started) * 1000)
    return {name: round(statistics.median(values), 1) for name, values in timings.items()}


def first_request(app_name: str, env: dict, mix) -> dict:
    """Start to first answer (a request waiting at start-up), then the first request to a booted server."""
    body, headers = mix.fresh()[0]

    def post(port: int) -> float:
        sent = time.perf_counter()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/alexa", data=body, headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
        return time.perf_counter() - sent

    port = free_port()
    started = time.perf_counter()
    server = start_gunicorn(APPS[app_name][1], port, env)
    try:
        wait_until_serving(port)
        post(port)  # waits in the listen queue while the workers boot
        start_to_answer = time.perf_counter() - started
    finally:
        stop(server)
    port = free_port()
    server = start_gunicorn(APPS[app_name][1], port, env)
    try:
        wait_until_serving(port)
        time.sleep(3)  # the workers have booted: what is left is the first request's own work
        first = post(port)
    finally:
        stop(server)
    return {"first_request_ms": round(first * 1000, 1), "start_to_first_answer_ms": round(start_to_answer * 1000, 1)}


def throughput(app_name: str, env: dict, mix, seconds: float, workdir: Path) -> dict:
    port = free_port()
    server = start_gunicorn(APPS[app_name][1], port, env)
    try:
        wait_until_serving(port)
        script = wrk_script(mix.fresh(), workdir / f"{app_name}.lua")  # fresh timestamps for verification
        wrk(port, script, connections=CONNECTIONS, seconds=2)  # warm-up: imports, caches, certificate chain
        workers = worker_pids(server.pid)
        cpu_before = sum(cpu_seconds(pid) for pid in workers)
        result = wrk(port, script, connections=CONNECTIONS, seconds=seconds)
        # CPU per request in the workers: steadier than rps when other work shares the machine.
        result["worker_cpu_us_per_request"] = round(
            (sum(cpu_seconds(pid) for pid in workers) - cpu_before) / result["requests"] * 1e6)
        total = result["requests"]
        while total < MEMORY_AFTER_REQUESTS:
            total += wrk(port, wrk_script(mix.fresh(), workdir / f"{app_name}.lua"),
                         connections=CONNECTIONS, seconds=5)["requests"]
        result["worker_rss_kib"] = worker_rss_kib(server.pid)
        result["requests_before_rss"] = total
        return result
    finally:
        stop(server)


def lambda_zip() -> dict | None:
    zips = sorted((ROOT / ".serverless").glob("*.zip"))
    return {"path": str(zips[0].relative_to(ROOT)), "bytes": zips[0].stat().st_size} if zips else None


def ratio(x: float, y: float) -> float:
    return round(x / y, 2) if y else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="measured seconds per app and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--cold-pairs", type=int, default=10,
                        help="paired fresh processes for the start-to-first-answer table (bench/cold_start.py)")
    parser.add_argument("--build", default="", help="what was measured, for the results header (default: git describe)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-") as directory:
        workdir = Path(directory)
        mix = request_mix(workdir)
        env = gunicorn_env(workdir, mix)
        rounds = {name: [] for name in APPS}
        for _ in range(args.rounds):
            for name in APPS:
                rounds[name].append(throughput(name, env, mix, args.seconds, workdir))
                print(f"  {name}: {rounds[name][-1]['rps']:.0f} rps, p50 {rounds[name][-1]['p50_ms']} ms, "
                      f"p99 {rounds[name][-1]['p99_ms']} ms", flush=True)
        best = {name: max(results, key=lambda r: r["rps"]) for name, results in rounds.items()}
        cold = cold_start(args.cold_runs, {**env, "DATA_DIR": str(workdir / "cold")})
        first = {name: first_request(name, env, mix) for name in APPS}
    start_to_answer = cold_start_to_answer.measure(args.cold_pairs)

    results = {
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "build": args.build or _git_head(),
        "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "connections": CONNECTIONS, "seconds": args.seconds, "rounds": args.rounds,
        "verification": mix.verified, "mix": mix.describe(),
        "apps": {name: {"what": APPS[name][0], **best[name], **first[name],
                        "all_rounds_rps": [r["rps"] for r in rounds[name]],
                        "median_cpu_us_per_request": statistics.median(
                            r["worker_cpu_us_per_request"] for r in rounds[name])} for name in APPS},
        "ratios": {"c/a": ratio(best["c"]["rps"], best["a"]["rps"]), "c/b": ratio(best["c"]["rps"], best["b"]["rps"])},
        "cold_start_ms": cold,
        "cold_start_ratio": ratio(cold["ours"], cold["flask_and_ask_sdk_core"]),
        "memory_ratio_c_b": ratio(best["c"]["worker_rss_kib"]["max"], best["b"]["worker_rss_kib"]["max"]),
        "lambda_zip": lambda_zip(),
        "start_to_first_answer": start_to_answer,
    }
    (BENCH / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (BENCH / "results.md").write_text(markdown(results))
    _update_readme(markdown(results))
    print(markdown(results))


def _git_head() -> str:
    found = subprocess.run(["git", "log", "-1", "--format=%h %s"], cwd=ROOT, capture_output=True, text=True)
    return found.stdout.strip() or "unknown"


def _update_readme(table: str) -> None:
    """Put the latest results between the README's bench-results markers."""
    readme = ROOT / "README.md"
    text = readme.read_text()
    start, end = "<!-- bench-results:start -->\n", "<!-- bench-results:end -->"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        readme.write_text(before + start + table + rest[rest.index(end):])


def markdown(r: dict) -> str:
    apps = r["apps"]
    lines = [
        f"Measured {r['when']} on {r['machine']}, build `{r['build']}`, with `make bench` ({r['connections']} connections, "
        f"{r['seconds']:g} s per app, best of {r['rounds']} alternating rounds (rps of every round in results.json); "
        f"gunicorn.conf.py for all three).",
        f"Requests: {r['mix']}; request verification {'ON (signed by a test certificate, warm cache)' if r['verification'] else 'not in this build (skill/verification.py missing)'}.",
        "",
        "| app | rps | p50 ms | p99 ms | errors | worker CPU per request | worker RSS after 10k req | first request ms | start to first answer ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, app in apps.items():
        lines.append(f"| ({name}) {app['what']} | {app['rps']:.0f} | {app['p50_ms']} | {app['p99_ms']} | "
                     f"{app['errors']} | {app['median_cpu_us_per_request']:.0f} us | {app['worker_rss_kib']['max'] / 1024:.1f} MiB | "
                     f"{app['first_request_ms']} | {app['start_to_first_answer_ms']} |")
    cold = r["cold_start_ms"]
    zip_line = (f"{r['lambda_zip']['bytes'] / 1024 / 1024:.2f} MiB ({r['lambda_zip']['path']})"
                if r["lambda_zip"] else "no .serverless/*.zip (run `make package` first)")
    lines += [
        "",
        "| measure | value | target |",
        "| --- | ---: | ---: |",
        f"| throughput c/a | {r['ratios']['c/a']} | >= 0.75 |",
        f"| throughput c/b | {r['ratios']['c/b']} | >= 1.0 |",
        f"| worker CPU per request b/c (higher: ours cheaper) | "
        f"{ratio(apps['b']['median_cpu_us_per_request'], apps['c']['median_cpu_us_per_request'])} | |",
        f"| p99 of (c) at {r['connections']} connections | {apps['c']['p99_ms']} ms | < 10 ms |",
        f"| cold start: `import skill.wsgi` (build included) | {cold['ours']} ms | |",
        f"| cold start: `import flask, ask_sdk_core.skill_builder` | {cold['flask_and_ask_sdk_core']} ms | |",
        f"| cold start ratio | {r['cold_start_ratio']} | <= 1.1 |",
        f"| (interpreter alone: `python -c pass`) | {cold['python_only']} ms | |",
        f"| worker memory c/b | {r['memory_ratio_c_b']} | <= 1.2 |",
        f"| Lambda zip | {zip_line} | |",
        "",
    ]
    if r.get("start_to_first_answer"):
        lines += [cold_start_to_answer.markdown(r["start_to_first_answer"])]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
