"""Where the start-up goes: `python -X importtime` of the production entry point, the top 20 summarised.

    .venv/bin/python bench/importtime.py                          # skill.wsgi, production settings
    .venv/bin/python bench/importtime.py --save before.json       # keep the figures...
    .venv/bin/python bench/importtime.py --against before.json    # ...and show the change later
    .venv/bin/python bench/importtime.py --code "import bench.apps.hello_skill"
    .venv/bin/python bench/importtime.py --lambda-shape [--without-bytecode]   # the x86_64 zip's handler

--lambda-shape: the x86_64 zip (`make package`) unpacked into a temporary directory and its
handler module imported by a Python 3.12 with only the zip and the AWS SDK on its path, as
bench/cold_start.py runs it (--without-bytecode first deletes the zip's .pyc files, to see what
deploy/compile_bytecode.py saves). Importing skill.wsgi builds the app too (create_app), so imports made while building are counted
under it. A fresh interpreter per run; the figure per module is the median of --runs runs, since a
single -X importtime run on a shared machine is noisy. Microseconds, as -X importtime reports them.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENTRY = "import skill.wsgi"


def profile(code: str, env: dict, python: tuple = (sys.executable,), cwd: Path = ROOT) -> dict[str, tuple[int, int]]:
    """{module: (self us, cumulative us)} from one fresh interpreter."""
    done = subprocess.run([*python, "-X", "importtime", "-c", code], env=env, cwd=cwd,
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
        # With bytecode, as a server's nth start (bench/cold_start.py): an unmeasured run writes it.
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("SKILL_", "ALLOW_", "STORE", "DATA_DIR", "PYTHONDONTWRITEBYTECODE"))}
        env.update(PYTHONPATH=str(ROOT), SKILL_ENV="production", DATA_DIR=data_dir,
                   SKILL_IDS="amzn1.ask.skill.00000000-0000-0000-0000-000000000000")
        profile(code, env)
        profiles = [profile(code, env) for _ in range(runs)]
    names = set().union(*profiles)
    return {name: (round(statistics.median(p.get(name, (0, 0))[0] for p in profiles)),
                   round(statistics.median(p.get(name, (0, 0))[1] for p in profiles))) for name in names}


def lambda_shape_medians(runs: int, without_bytecode: bool) -> dict[str, tuple[int, int]]:
    sys.path.insert(0, str(ROOT / "deploy"))
    import lambda_shape

    directory = lambda_shape.package_dir("x86_64")
    with tempfile.TemporaryDirectory(prefix="importtime-lambda-") as work:
        task = lambda_shape.unpack(directory / f"{lambda_shape.SERVICE}.zip", Path(work) / "task")
        if without_bytecode:
            for cache in list(task.rglob("__pycache__")):
                shutil.rmtree(cache)
        sdk = lambda_shape.runtime_sdk(Path(work) / "runtime")
        python = lambda_shape.lambda_python()
        # The runtime's SDK comes compiled for its Python (as in bench/cold_start.py).
        subprocess.run([python, "-m", "compileall", "-q", "-j", "0", *(str(p.resolve()) for p in sdk.iterdir())],
                       check=True, capture_output=True)
        module = lambda_shape.web_function(directory)["Handler"].rpartition(".")[0]
        code = f"import sys; sys.path.insert(0, {str(task)!r}); sys.path.append({str(sdk)!r}); import {module}"
        env = {**lambda_shape.LAMBDA_ENV, **lambda_shape.template_environment(directory),
               "LAMBDA_TASK_ROOT": str(task), "HOME": work}
        profiles = [profile(code, env, (python, "-I", "-S", "-B"), task) for _ in range(runs)]
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
    parser.add_argument("--lambda-shape", action="store_true", help="the x86_64 zip's handler, as Lambda imports it")
    parser.add_argument("--without-bytecode", action="store_true", help="with --lambda-shape: drop the zip's .pyc first")
    parser.add_argument("--save", type=Path, help="write the medians here as JSON")
    parser.add_argument("--against", type=Path, help="JSON from an earlier --save, to show before and change")
    args = parser.parse_args()
    if args.lambda_shape:
        modules = lambda_shape_medians(args.runs, args.without_bytecode)
        args.code = "Lambda shape: import wsgi_handler" + (" (no bytecode in the zip)" if args.without_bytecode else "")
    else:
        modules = medians(args.code, args.runs)
    if args.save:
        args.save.write_text(json.dumps(modules, indent=1, sort_keys=True) + "\n")
    against = {k: tuple(v) for k, v in json.loads(args.against.read_text()).items()} if args.against else None
    total = sum(self_us for self_us, _ in modules.values())
    print(f"{args.code}: {len(modules)} modules imported, {total / 1000:.1f} ms of import time "
          f"(sum of self times, median of {args.runs} runs)"
          + (f"; before: {len(against)} modules, {sum(v[0] for v in against.values()) / 1000:.1f} ms" if against else ""))
    print("\n".join(table(modules, against, args.top, column=1)))
    print()
    print("\n".join(table(modules, against, args.top, column=0)))


if __name__ == "__main__":
    main()
