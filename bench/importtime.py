"""Where the start-up goes: `python -X importtime` of the production entry point, the top 20 summarised.

    .venv/bin/python bench/importtime.py                          # skill.wsgi, production settings
    .venv/bin/python bench/importtime.py --save before.json       # keep the figures...
    .venv/bin/python bench/importtime.py --against before.json    # ...and show the change later
    .venv/bin/python bench/importtime.py --code "import bench.apps.hello_skill"

Importing skill.wsgi builds the app too (create_app), so imports made while building are counted
under it. A fresh interpreter per run; the figure per module is the median of --runs runs, since a
single -X importtime run on a shared machine is noisy. Microseconds, as -X importtime reports them.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENTRY = "import skill.wsgi"


def profile(code: str, env: dict) -> dict[str, tuple[int, int]]:
    """{module: (self us, cumulative us)} from one fresh interpreter."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    modules = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line.removeprefix("import time:").split("|")
        modules[name.strip()] = (int(self_us), int(cumulative_us))
    return modules


def medians(code: str, runs: int) -> dict[str, tuple[int, int]]:
    with tempfile.TemporaryDirectory(prefix="importtime-") as data_dir:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SKILL_", "ALLOW_", "STORE", "DATA_DIR"))}
        env.update(PYTHONPATH=str(ROOT), SKILL_ENV="production", DATA_DIR=data_dir,
                   SKILL_IDS="amzn1.ask.skill.00000000-0000-0000-0000-000000000000")
        profiles = [profile(code, env) for _ in range(runs)]
    names = set().union(*profiles)
    return {name: (round(statistics.median(p.get(name, (0, 0))[0] for p in profiles)),
                   round(statistics.median(p.get(name, (0, 0))[1] for p in profiles))) for name in names}


def table(modules: dict, against: dict | None, top: int, column: int) -> list[str]:
    title = "cumulative" if column == 1 else "self"
    lines = [f"top {top} by {title} time (us)" + (" | before | change" if against else "")]
    ranked = sorted(modules.items(), key=lambda item: item[1][column], reverse=True)[:top]
    for name, figures in ranked:
        line = f"{figures[column]:>9}  {name}"
        if against:
            before = against.get(name, (0, 0))[column]
            line += f"   | {before:>9} | {figures[column] - before:+d}"
        lines.append(line)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", default=PRODUCTION_ENTRY, help=f"what to run (default: {PRODUCTION_ENTRY!r})")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--save", type=Path, help="write the medians here as JSON")
    parser.add_argument("--against", type=Path, help="JSON from an earlier --save, to show before and change")
    args = parser.parse_args()
    modules = medians(args.code, args.runs)
    against = {k: tuple(v) for k, v in json.loads(args.against.read_text()).items()} if args.against else None
    total = sum(self_us for self_us, _ in modules.values())
    print(f"{args.code}: {len(modules)} modules imported, {total / 1000:.1f} ms of import time "
          f"(sum of self times, median of {args.runs} runs)"
          + (f"; before: {len(against)} modules, {sum(v[0] for v in against.values()) / 1000:.1f} ms" if against else ""))
    print("\n".join(table(modules, against, args.top, column=1)))
    print()
    print("\n".join(table(modules, against, args.top, column=0)))
    if args.save:
        args.save.write_text(json.dumps(modules, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
