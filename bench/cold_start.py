"""Cold start: from process start to the first LaunchRequest answered, ours against the ask-sdk hello app.

    .venv/bin/python bench/cold_start.py [--runs 10]     # `make bench` runs it too, after bench/run.py

Each run is a fresh process, and the two apps run in pairs (alternating which goes first), so
whatever else the machine is doing hits both alike; the figures are medians of the pairs.

(a) process: our production entry point (`skill.wsgi`: production settings, verification ON, the
    default SQLite store) answers one LaunchRequest signed with the tests' certificates
    (tests/signing.py), against bench/apps/hello_skill.py importing, building and answering one
    unsigned LaunchRequest. Both are called as WSGI apps in the process, with no server around them.
(b) Lambda shape: the x86_64 zip (`make package`, or `python deploy/lambda_shape.py build --arch
    x86_64`) unpacked into a temporary directory, a fresh Python 3.12 with only the zip and the AWS
    SDK on its path (deploy/lambda_shape.py's rules), the template's handler and environment
    (production, STORE=dynamodb on moto's server on 127.0.0.1) answering one API Gateway v2 event
    through serverless-wsgi. The hello app runs in the same shape: the same unpacked directory
    (it holds Flask and ask-sdk-core), serverless-wsgi's handle_request around it.
(c) in each process, the first request's own time against a warm one (the median of five more
    LaunchRequests, each for another user, after the first).
(d) peak RSS of each process (the whole process's high-water mark, VmHWM, after those six requests;
    ru_maxrss would be the same figure but for carrying the parent's over the fork and exec).
Also the CPU time (user + system) from process start to the first answer: on a machine shared
with other work it moves much less than wall time does.

The trust store is the tests' only: as in deploy/lambda_shape.py, the child process wraps
`skill.create_app` before the entry point is imported, adding VERIFY_TRUST_PEM (the tests' root)
and CERT_FETCHER (the tests' chain, from a file, for one URL). Nothing in skill/ is changed.

What this leaves out, and production adds: loading Mozilla's trust store (certifi, 117 roots: about
2 ms at build against the tests' one root) and, on the first signed request, downloading Amazon's
certificate chain over HTTPS (a network round trip; the tests' fetcher reads a file).

Times come from time.perf_counter, which on Linux is CLOCK_MONOTONIC, the same clock in every
process: the parent notes it just before starting the child, the child notes it as the first
answer is complete.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "deploy"))

import lambda_shape  # noqa: E402  (deploy/lambda_shape.py)

WARM_REQUESTS = 5

# Runs in the fresh interpreter; argv[1] is a JSON spec written by `_spec`.
_CHILD = r"""
import json, sys, time
spec = json.loads(sys.argv[1])
sys.path[:0] = spec["prepend"]
sys.path.extend(spec["append"])
trust = spec.get("trust")
if trust:
    {trust_test_certificates}
with open(spec["requests"]) as requests_file:
    requests = json.load(requests_file)
import importlib
module = importlib.import_module(spec["module"])
target = getattr(module, spec["attribute"])

if spec["shape"] == "lambda":
    class Context:
        function_name = "shared-compassion-dev-web"
        function_version = "$LATEST"
        memory_limit_in_mb = 512
        aws_request_id = "local-invocation"
        invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:shared-compassion-dev-web"
        log_group_name = "/aws/lambda/shared-compassion-dev-web"
        log_stream_name = "local"

        def get_remaining_time_in_millis(self):
            return 7000

    if spec.get("wrap_with_serverless_wsgi"):
        import serverless_wsgi
        app = target
        target = lambda event, context: serverless_wsgi.handle_request(app, event, context)

    def call(event):
        response = target(event, Context())
        return response["statusCode"], response["body"]
else:
    import io

    def call(request):
        body = request["body"].encode()
        environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/alexa", "QUERY_STRING": "", "SCRIPT_NAME": "",
                   "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1",
                   "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
                   "wsgi.errors": sys.stderr, "wsgi.version": (1, 0), "wsgi.multithread": False,
                   "wsgi.multiprocess": True, "wsgi.run_once": False, "CONTENT_LENGTH": str(len(body)),
                   "CONTENT_TYPE": "application/json", "HTTP_HOST": "127.0.0.1:8000"}
        environ.update({"HTTP_" + k.upper().replace("-", "_"): v for k, v in request["headers"].items()
                        if k.lower() != "content-type"})
        status = []
        chunks = target(environ, lambda s, headers, exc_info=None: status.append(s))
        answer = b"".join(chunks)
        getattr(chunks, "close", lambda: None)()
        return int(status[0].split()[0]), answer.decode()

import resource
before = resource.getrusage(resource.RUSAGE_SELF)
started = time.perf_counter()
status, answer = call(requests[0])
first_done = time.perf_counter()
usage = resource.getrusage(resource.RUSAGE_SELF)
first_cpu_ms = (usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime) * 1000
if status != 200 or "outputSpeech" not in answer:
    sys.exit(f"the first request was not answered: {status} {answer[:500]}")
warm = []
for request in requests[1:]:
    began = time.perf_counter()
    status, answer = call(request)
    warm.append((time.perf_counter() - began) * 1000)
    if status != 200:
        sys.exit(f"a warm request was not answered: {status} {answer[:500]}")
# VmHWM, not ru_maxrss: ru_maxrss carries over the high-water mark of the (v)forked parent across exec.
with open("/proc/self/status") as status_file:
    peak_kib = next(int(line.split()[1]) for line in status_file if line.startswith("VmHWM:"))
print(json.dumps({"first_done": first_done, "first_ms": (first_done - started) * 1000, "warm_ms": warm,
                  "cpu_to_first_ms": (usage.ru_utime + usage.ru_stime) * 1000, "first_cpu_ms": first_cpu_ms,
                  "max_rss_kib": peak_kib}))
"""
_CHILD = _CHILD.replace("    {trust_test_certificates}\n", lambda_shape.with_test_trust())


def _launch_envelopes(skill_id: str, count: int) -> list[dict]:
    from skill import envelopes

    return [envelopes.envelope(envelopes.launch_request(), skill_id=skill_id,
                               user_id=f"amzn1.ask.account.COLDSTART{n:04d}") for n in range(count)]


def _requests(envelopes_: list[dict], signer, shape: str) -> list:
    """(body, headers) of each envelope, signed now when `signer` is given, as the shape wants them."""
    out = []
    for envelope in envelopes_:
        if signer is None:
            body, headers = json.dumps(envelope).encode(), {"Content-Type": "application/json"}
        else:
            signer.clock.now = datetime.now(timezone.utc).replace(microsecond=0)
            body, headers = signer.signed(envelope)
        if shape == "lambda":
            out.append(lambda_shape.http_api_event("POST", "/alexa", body.decode(), headers))
        else:
            out.append({"body": body.decode(), "headers": headers})
    return out


def run_once(python: list[str], spec: dict, env: dict, cwd: Path) -> dict:
    """One fresh process: start to first answer (ms), first and warm request ms, peak RSS."""
    spec_json = json.dumps(spec)
    started = time.perf_counter()
    done = subprocess.run([*python, "-c", _CHILD, spec_json], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{spec['module']} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {"start_to_first_ms": (result["first_done"] - started) * 1000, "first_ms": result["first_ms"],
            "warm_ms": statistics.median(result["warm_ms"]), "cpu_to_first_ms": result["cpu_to_first_ms"],
            "first_cpu_ms": result["first_cpu_ms"], "max_rss_kib": result["max_rss_kib"]}


class Process:
    """(a): this virtualenv's Python, each app's production entry point as a WSGI app."""

    def __init__(self, workdir: Path, signer, trust: dict):
        from skill import envelopes

        self.workdir, self.signer, self.trust = workdir, signer, trust
        self.data_dir = workdir / "process-data"
        # Bytecode is written as a server's first start would (the unmeasured first pair writes it),
        # whatever PYTHONDONTWRITEBYTECODE says here: without it every start compiles skill/ from source.
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("SKILL_", "ALLOW_", "STORE", "DATA_DIR", "PYTHONDONTWRITEBYTECODE"))}
        self.env.update(PYTHONPATH=str(ROOT))
        self.ours_env = {**self.env, "SKILL_ENV": "production", "SKILL_IDS": envelopes.DEFAULT_SKILL_ID,
                         "DATA_DIR": str(self.data_dir)}
        self.skill_id = envelopes.DEFAULT_SKILL_ID

    def run(self, app: str) -> dict:
        requests_file = self.workdir / f"process-{app}.json"
        envelopes_ = _launch_envelopes(self.skill_id, 1 + WARM_REQUESTS)
        signed = app == "ours"
        requests_file.write_text(json.dumps(_requests(envelopes_, self.signer if signed else None, "process")))
        spec = {"prepend": [], "append": [], "requests": str(requests_file), "shape": "process",
                "module": "skill.wsgi" if signed else "bench.apps.hello_skill", "attribute": "app",
                "trust": self.trust if signed else None}
        return run_once([sys.executable], spec, self.ours_env if signed else self.env, ROOT)


class LambdaShape:
    """(b): the unpacked x86_64 zip in a fresh Python 3.12 (-I -S -B), as deploy/lambda_shape.py runs it."""

    def __init__(self, workdir: Path, signer, trust: dict, moto_endpoint: str):
        directory = lambda_shape.package_dir("x86_64")
        self.task = lambda_shape.unpack(directory / f"{lambda_shape.SERVICE}.zip", workdir / "task")
        self.sdk = lambda_shape.runtime_sdk(workdir / "runtime")
        self.python = lambda_shape.lambda_python()
        # The runtime's SDK in /var/runtime comes compiled for its Python; the links here point at this
        # virtualenv's copies, so give them 3.12 bytecode too (once; compileall skips what is current).
        # The same for the hello app, which is not in the zip (bench/apps is read from here).
        subprocess.run([self.python, "-m", "compileall", "-q", "-j", "0", str(ROOT / "bench" / "__init__.py"),
                        str(ROOT / "bench" / "apps"), *(str(path.resolve()) for path in self.sdk.iterdir())],
                       check=True, capture_output=True)
        self.workdir, self.signer, self.trust = workdir, signer, trust
        environment = lambda_shape.template_environment(directory)
        self.handler = lambda_shape.web_function(directory)["Handler"]
        self.skill_id = environment["SKILL_IDS"].split(",")[0]
        self.env = {**lambda_shape.LAMBDA_ENV, "LAMBDA_TASK_ROOT": str(self.task), "HOME": str(workdir)}
        self.ours_env = {**self.env, **environment, "AWS_ACCESS_KEY_ID": "testing",
                         "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
                         "DYNAMODB_ENDPOINT_URL": moto_endpoint, "DYNAMODB_REGION": "us-east-1"}
        _create_table(moto_endpoint, environment["DYNAMODB_TABLE"])

    def run(self, app: str) -> dict:
        requests_file = self.workdir / f"lambda-{app}.json"
        ours = app == "ours"
        envelopes_ = _launch_envelopes(self.skill_id, 1 + WARM_REQUESTS)
        requests_file.write_text(json.dumps(_requests(envelopes_, self.signer if ours else None, "lambda")))
        if ours:
            module, _, attribute = self.handler.rpartition(".")
            spec = {"module": module, "attribute": attribute, "trust": self.trust, "prepend": [str(self.task)]}
        else:
            spec = {"module": "bench.apps.hello_skill", "attribute": "app", "wrap_with_serverless_wsgi": True,
                    "prepend": [str(self.task), str(ROOT)]}  # ROOT after the zip: bench/ is not in it
        spec.update(append=[str(self.sdk)], requests=str(requests_file), shape="lambda")
        return run_once([self.python, "-I", "-S", "-B"], spec, self.ours_env if ours else self.env, self.task)


def _create_table(endpoint: str, name: str) -> None:
    import boto3

    client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    client.create_table(TableName=name, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                        BillingMode="PAY_PER_REQUEST")


def _moto_server():
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's server logs every request

    from bench.load import free_port

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    return server, f"http://127.0.0.1:{port}"


def paired(shape, runs: int) -> dict:
    """`runs` pairs, alternating which app goes first; medians of each figure and of the pair ratios."""
    # One unmeasured pair first: disk caches, bytecode, the SQLite file, moto's table.
    shape.run("hello")
    shape.run("ours")
    pairs = []
    for n in range(runs):
        order = ("hello", "ours") if n % 2 == 0 else ("ours", "hello")
        pair = {app: shape.run(app) for app in order}
        pairs.append(pair)
    summary = {}
    for app in ("ours", "hello"):
        summary[app] = {key: round(statistics.median(p[app][key] for p in pairs), 1)
                        for key in ("start_to_first_ms", "cpu_to_first_ms", "first_ms", "first_cpu_ms", "warm_ms",
                                    "max_rss_kib")}
        summary[app]["first_over_warm"] = round(statistics.median(p[app]["first_ms"] / p[app]["warm_ms"]
                                                                  for p in pairs), 2)
    summary["ratio_start_to_first"] = round(statistics.median(
        p["ours"]["start_to_first_ms"] / p["hello"]["start_to_first_ms"] for p in pairs), 2)
    summary["ratio_cpu_to_first"] = round(statistics.median(
        p["ours"]["cpu_to_first_ms"] / p["hello"]["cpu_to_first_ms"] for p in pairs), 2)
    summary["ratio_max_rss"] = round(statistics.median(
        p["ours"]["max_rss_kib"] / p["hello"]["max_rss_kib"] for p in pairs), 2)
    summary["runs"] = runs
    summary["all_start_to_first_ms"] = {app: [round(p[app]["start_to_first_ms"], 1) for p in pairs]
                                        for app in ("ours", "hello")}
    return summary


def measure(runs: int, shapes=("process", "lambda")) -> dict:
    """The cold-start figures for each shape that can run here (the Lambda one needs the zip and a 3.12)."""
    from signing import CERT_URL, AlexaSigner  # tests/signing.py

    results = {}
    with tempfile.TemporaryDirectory(prefix="cold-start-") as directory:
        workdir = Path(directory)
        signer = AlexaSigner(workdir)
        chain = workdir / "chain.pem"
        chain.write_bytes(signer.s3.chains[CERT_URL])
        trust = {"url": CERT_URL, "roots_pem": str(signer.trust_pem), "chain_pem": str(chain)}
        if "process" in shapes:
            results["process"] = paired(Process(workdir, signer, trust), runs)
        if "lambda" in shapes:
            zip_path = lambda_shape.package_dir("x86_64") / f"{lambda_shape.SERVICE}.zip"
            if not zip_path.exists():
                results["lambda"] = {"skipped": f"{zip_path.relative_to(ROOT)} is missing (`make package` builds it)"}
            elif lambda_shape.lambda_python() is None:
                results["lambda"] = {"skipped": "no Python 3.12 (set LAMBDA_PYTHON)"}
            else:
                server, endpoint = _moto_server()
                try:
                    results["lambda"] = paired(LambdaShape(workdir / "lambda", signer, trust, endpoint), runs)
                finally:
                    server.stop()
    return results


def markdown(results: dict) -> str:
    lines = [
        "Cold start (`bench/cold_start.py`): a fresh process per run, ours and the ask-sdk hello app in pairs, "
        "medians. Ours: production settings, verification ON, a LaunchRequest signed with the tests' certificates; "
        "hello: one unsigned LaunchRequest.",
        "",
        "| shape | runs | start to first answer: ours | hello | ratio (target <= 1.1) | CPU to first answer: ours | "
        "hello | ratio | first request ours | warm ours | first/warm ours (target <= 1.5) | first/warm hello | "
        "peak RSS ours | hello | RSS ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    labels = {"process": "(a) process, `skill.wsgi`", "lambda": "(b) Lambda shape, x86_64 zip, serverless-wsgi"}
    for shape, r in results.items():
        if "skipped" in r:
            lines.append(f"| {labels[shape]} | skipped: {r['skipped']} |" + " |" * 13)
            continue
        ours, hello = r["ours"], r["hello"]
        lines.append(
            f"| {labels[shape]} | {r['runs']} | {ours['start_to_first_ms']} ms | {hello['start_to_first_ms']} ms | "
            f"{r['ratio_start_to_first']} | {ours['cpu_to_first_ms']} ms | {hello['cpu_to_first_ms']} ms | "
            f"{r['ratio_cpu_to_first']} | {ours['first_ms']} ms | {ours['warm_ms']} ms | {ours['first_over_warm']} | "
            f"{hello['first_over_warm']} | {ours['max_rss_kib'] / 1024:.1f} MiB | {hello['max_rss_kib'] / 1024:.1f} MiB | "
            f"{r['ratio_max_rss']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="paired runs per shape (default 10)")
    parser.add_argument("--shape", choices=("process", "lambda"), action="append",
                        help="only this shape (repeatable; default both)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    results = measure(args.runs, tuple(args.shape or ("process", "lambda")))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(markdown(results))


if __name__ == "__main__":
    main()
