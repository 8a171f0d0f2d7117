"""How much latency the SQLite store adds to a request (a benchmark, not a test).

Sends the same requests through the real Flask app twice: once with the SQLite
store, once with a store that keeps nothing, and reports median and p99 for each
and their difference. Two requests touch the store:
  launch  a returning user's LaunchRequest (one read)
  rest    RestIntent for a remembered user (one UPDATE that adds to the count)
and the store's own calls are timed too.

    .venv/bin/python bench/store_latency.py [--requests 2000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from skill import create_app, envelopes  # noqa: E402
from skill.alexa import build_skill  # noqa: E402
from skill.store.sqlite import SqliteStore  # noqa: E402


class KeepsNothing:
    """A MemoryStore that keeps nothing: what a request costs without a store."""

    def recall(self, user_id):
        return None

    def remember(self, user_id, presence_id, presence_name, rest, bell):
        return None

    def update(self, user_id, *, rest=None, bell=None):
        return None

    def count_practice(self, user_id, day):
        return None

    def forget(self, user_id):
        return None


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(samples_ms: list[float]) -> str:
    return f"median {statistics.median(samples_ms):7.3f} ms   p99 {percentile(samples_ms, 99):7.3f} ms"


def time_requests(client, body: dict, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.post("/alexa", json=body)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    n = parser.parse_args().requests
    import logging

    with tempfile.TemporaryDirectory() as data_dir:
        sqlite_app = create_app({"SKILL_ENV": "development", "DATA_DIR": data_dir})
        logging.disable(logging.INFO)  # the per-request log line is the same for both; keep it out of the timing
        null_app = create_app({"SKILL_ENV": "development", "DATA_DIR": data_dir})
        null_app.extensions["alexa_skill"] = build_skill(null_app.config, KeepsNothing())
        store = SqliteStore(Path(data_dir) / "memory.sqlite3")
        user = envelopes.DEFAULT_USER_ID
        store.remember(user, "THE_SKY", "the sky", rest=None, bell=None)
        bodies = {
            "launch": envelopes.envelope(envelopes.launch_request()),
            "rest": envelopes.envelope(envelopes.intent_request("RestIntent"),
                                       session_attributes={"step": "phrase", "memory": "kept"}, new_session=False),
        }
        print(f"{n} requests each, Flask test client, one thread, SQLite file in {data_dir}")
        for name, body in bodies.items():
            s_client, n_client = sqlite_app.test_client(), null_app.test_client()
            time_requests(s_client, body, 50)
            time_requests(n_client, body, 50)  # warm up both
            with_store, without = [], []
            for _ in range(n):  # alternating, so drift on a shared machine hits both alike
                with_store += time_requests(s_client, body, 1)
                without += time_requests(n_client, body, 1)
            print(f"{name:7s} with SQLite   {summary(with_store)}")
            print(f"{name:7s} keeps nothing {summary(without)}")
            print(f"{name:7s} added by store: median {statistics.median(with_store) - statistics.median(without):+.3f} ms"
                  f"   p99 {percentile(with_store, 99) - percentile(without, 99):+.3f} ms")
        day = dt.date(2026, 11, 27)
        reads, writes = [], []
        for _ in range(n):
            started = time.perf_counter()
            store.recall(user)
            reads.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            store.count_practice(user, day)
            writes.append((time.perf_counter() - started) * 1000)
        print(f"store recall             {summary(reads)}")
        print(f"store count_practice     {summary(writes)}")


if __name__ == "__main__":
    main()
