"""Add bytecode compiled by the Lambda runtime's Python to a built Lambda zip.

    python deploy/compile_bytecode.py .serverless/shared-compassion.zip

Lambda's /var/task is read-only, so Python cannot write the .pyc files it compiles: without them
in the zip, every cold start compiles every module it imports from source, which is most of the
cold start (bench/cold_start.py: about 0.75 s of 1.2 s for this skill, in the Lambda shape).
serverless.yml's local plugin (deploy/compile-bytecode.js) runs this after the requirements are in
the zip, for `serverless package` and `serverless deploy` alike.

The bytecode has to come from a CPython of the runtime's version (3.12: bytecode differs between
versions), which need not be the Python that runs the packaging: deploy/lambda_shape.py's
lambda_python() finds one ($LAMBDA_PYTHON, python3.12 on PATH, or pyenv's). Without one the zip is
left as it is (it works, only its cold starts are slower) and a warning says so.

The .pyc files are "unchecked-hash" ones (PEP 552): Python loads them without comparing them with
the source's modification time, which the zip does not keep exactly (two-second steps, local
time) and which nothing can change in a deployed package anyway. Any .pyc already in the zip for
another Python is dropped: it would never be loaded.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lambda_shape import LAMBDA_PYTHON_VERSION, lambda_python  # noqa: E402

CACHE_TAG = "cpython-" + LAMBDA_PYTHON_VERSION.replace(".", "")


def compile_into_zip(zip_path: Path, python: str) -> int:
    """Rewrite `zip_path` with a CACHE_TAG .pyc beside every .py; returns how many were added."""
    with tempfile.TemporaryDirectory(prefix="bytecode-") as directory:
        tree = Path(directory) / "task"
        with zipfile.ZipFile(zip_path) as archive:
            sources = [info for info in archive.infolist() if info.filename.endswith(".py")]
            for info in sources:
                archive.extract(info, tree)
        # -W ignore: old libraries' docstrings raise SyntaxWarnings (invalid escapes) while compiling.
        subprocess.run([python, "-W", "ignore", "-m", "compileall", "-q", "-j", "0",
                        "--invalidation-mode", "unchecked-hash", str(tree)], check=True)
        rewritten = zip_path.with_suffix(".bytecode.zip")
        added = 0
        with zipfile.ZipFile(zip_path) as source, \
                zipfile.ZipFile(rewritten, "w", compression=zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                if info.filename.endswith(".pyc") or "/__pycache__/" in f"/{info.filename}":
                    continue  # bytecode of another Python (or an earlier run of this one)
                target.writestr(info, source.read(info))
            for info in sources:
                stem = Path(info.filename)
                pyc_name = (stem.parent / "__pycache__" / f"{stem.stem}.{CACHE_TAG}.pyc").as_posix()
                compiled = tree / pyc_name
                if not compiled.exists():  # a file compileall could not compile (a template, a test fixture)
                    continue
                entry = zipfile.ZipInfo(pyc_name, date_time=info.date_time)
                entry.external_attr = 0o644 << 16
                entry.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(entry, compiled.read_bytes())
                added += 1
        os.replace(rewritten, zip_path)
    return added


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("zip", type=Path)
    args = parser.parse_args(argv)
    python = lambda_python()
    if python is None:
        print(f"WARNING: no Python {LAMBDA_PYTHON_VERSION} found (set LAMBDA_PYTHON): no bytecode added to {args.zip}; "
              f"without it each cold start compiles the skill and its libraries from source.", file=sys.stderr)
        return 0
    added = compile_into_zip(args.zip, python)
    print(f"compiled {added} modules for {CACHE_TAG} into {args.zip} ({args.zip.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
