"""The Lambda shape, run locally: build the package for an architecture, unpack it, and send its
handler events in a fresh Python process that sees only what Lambda's would.

    python deploy/lambda_shape.py build --arch x86_64     # .serverless-x86_64/shared-compassion.zip

From Python (tests/test_lambda_shape.py; the cold-start benchmark can reuse the same parts):

    zip_path = build("x86_64")                    # serverless package, offline, same serverless.yml
    task = unpack(zip_path, tmp / "task")         # an empty directory, like /var/task
    runtime = runtime_sdk(tmp / "runtime")        # boto3 & co., as the Lambda runtime provides them
    results = invoke(task, "wsgi_handler.handler", [http_api_event("GET", "/health")],
                     env=template_environment(zip_path.parent), sdk=runtime)

What "only what Lambda's would" means here: the process is started with `-I -S` (no site-packages,
no PYTHON* variables, no current directory on the path) and its import path is the standard
library, then the unpacked zip, then the SDK directory, in Lambda's order (/var/task before
/var/runtime). The interpreter is a CPython of the template's runtime version (3.12), since the
zip's compiled extensions are built for it; `lambda_python()` finds one.

Trusting the tests' certificates (`trust=`): production reads its trust store and certificate
fetcher only from create_app's `config` argument (VERIFY_TRUST_PEM, CERT_FETCHER), never from the
environment or a file in the package, so no setting in serverless.yml, no environment variable and
nothing in the zip can point a deployed function at another root. Code running inside the process
before the app is built is the only way in, and such code could replace anything anyway. So the
runner here, which is not in the zip, wraps `skill.create_app` in the fresh process before the
handler is imported, adding those two settings: a PEM bundle of the tests' root and a fetcher that
serves the tests' chain for exactly one URL from a file. The verification code runs unchanged.
"""
from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICE = "shared-compassion"
LAMBDA_PYTHON_VERSION = "3.12"
ARCHITECTURES = ("arm64", "x86_64")
# What the Lambda Python runtime puts on the path next to the function (in /var/runtime).
RUNTIME_SDK_MODULES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "six", "urllib3")

# `serverless package` needs no AWS account, but the AWS SDK wants credentials to exist: dummy
# ones make sure nothing here can reach a real account (the Makefile's OFFLINE_SERVERLESS_ENV).
OFFLINE_SERVERLESS_ENV = {
    "AWS_ACCESS_KEY_ID": "AKIAOFFLINEPACKAGING", "AWS_SECRET_ACCESS_KEY": "offline-packaging-only",
    "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_REGION": "us-east-1", "AWS_SDK_LOAD_CONFIG": "0",
    "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "SLS_TELEMETRY_DISABLED": "1", "SLS_NOTIFICATIONS_MODE": "off",
}


def package_dir(architecture: str) -> Path:
    """Where `build` writes the zip and the templates: .serverless for arm64 (`make package`), else beside it."""
    return ROOT / (".serverless" if architecture == "arm64" else f".serverless-{architecture}")


def build(architecture: str, stage: str = "dev", packaging_python: str | None = None) -> Path:
    """`serverless package` for one architecture, offline; returns the zip."""
    if architecture not in ARCHITECTURES:
        raise ValueError(f"architecture must be one of {ARCHITECTURES}")
    out = package_dir(architecture)
    env = {**os.environ, **OFFLINE_SERVERLESS_ENV,
           "PACKAGING_PYTHON": packaging_python or str(ROOT / ".venv" / "bin" / "python")}
    started = time.monotonic()
    subprocess.run(["npx", "--no-install", "serverless", "package", "--stage", stage,
                    f"--param=architecture={architecture}", "--package", str(out)],
                   cwd=ROOT, env=env, check=True)
    zip_path = out / f"{SERVICE}.zip"
    print(f"serverless package ({architecture}) took {time.monotonic() - started:.0f} s; "
          f"Lambda zip {zip_path.stat().st_size} bytes", file=sys.stderr)
    return zip_path


def unpack(zip_path: Path, into: Path) -> Path:
    """The zip's files in `into`, which must be empty or missing (like a fresh /var/task)."""
    into.mkdir(parents=True, exist_ok=True)
    if any(into.iterdir()):
        raise ValueError(f"{into} is not empty")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(into)
    return into


def runtime_sdk(into: Path) -> Path:
    """A directory holding only the AWS SDK modules the Lambda runtime provides (links to this
    interpreter's copies: they are pure Python, so any 3.x of the same SDK will import them)."""
    into.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_SDK_MODULES:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise RuntimeError(f"{name} is not installed here; the Lambda runtime would provide it")
        source = Path(spec.origin)
        source = source.parent if source.name == "__init__.py" else source
        (into / source.name).symlink_to(source, target_is_directory=source.is_dir())
    return into


def lambda_python(version: str = LAMBDA_PYTHON_VERSION) -> str | None:
    """A CPython of the Lambda runtime's version: $LAMBDA_PYTHON, python3.12 on PATH, or pyenv's."""
    candidates = [os.environ.get("LAMBDA_PYTHON"), shutil.which(f"python{version}")]
    candidates += sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}*/bin/python{version}")))
    for candidate in candidates:
        # A pyenv shim on PATH may exist and still refuse to run: ask each one for its version.
        if candidate and os.access(candidate, os.X_OK) and subprocess.run(
                [candidate, "-c", f"import sys; sys.exit(sys.version.split()[0].rsplit('.', 1)[0] != '{version}')"],
                capture_output=True).returncode == 0:
            return candidate
    return None


def template(directory: Path) -> dict:
    return json.loads((directory / "cloudformation-template-update-stack.json").read_text())


def web_function(directory: Path) -> dict:
    return template(directory)["Resources"]["WebLambdaFunction"]["Properties"]


def template_environment(directory: Path) -> dict:
    """The environment variables the compiled template gives the web function."""
    return dict(web_function(directory)["Environment"]["Variables"])


def http_api_event(method: str, path: str, body: str | None = None, headers: dict | None = None) -> dict:
    """An API Gateway HTTP API event, payload format 2.0, as Lambda receives it."""
    host = "abc123.execute-api.us-east-1.amazonaws.com"
    return {
        "version": "2.0", "routeKey": f"{method} {path}", "rawPath": path, "rawQueryString": "",
        "headers": {"host": host, "user-agent": "Apache-HttpClient/4.5.13 (Java/11.0.20)",
                    "x-forwarded-for": "203.0.113.7", "x-forwarded-port": "443", "x-forwarded-proto": "https",
                    **({"content-type": "application/json; charset=utf-8"} if body is not None else {}),
                    **{k.lower(): v for k, v in (headers or {}).items()}},
        "requestContext": {
            "accountId": "123456789012", "apiId": "abc123", "domainName": host, "domainPrefix": "abc123",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "203.0.113.7",
                     "userAgent": "Apache-HttpClient/4.5.13 (Java/11.0.20)"},
            "requestId": "local-request", "routeKey": f"{method} {path}", "stage": "$default",
            "time": "01/Dec/2026:12:00:00 +0000", "timeEpoch": 1796126400000,
        },
        **({"body": body} if body is not None else {}),
        "isBase64Encoded": False,
    }


# Code for a child process that holds `trust` (the tests' root, chain and URL): it wraps
# skill.create_app so that this one process trusts the tests' certificates. It lives here, in the
# runners' source, never in the package: production cannot be pointed at a test trust store.
TRUST_TEST_CERTIFICATES = r"""
import skill
from skill.verification import CertificateFetchFailed

production_create_app = skill.create_app


def serve_test_chain(url):
    if url != trust["url"]:
        raise CertificateFetchFailed("certificate chain download answered HTTP 404")
    with open(trust["chain_pem"], "rb") as chain:
        return chain.read()


def create_app_trusting_test_certificates(config=None):
    return production_create_app({**(config or {}), "VERIFY_TRUST_PEM": trust["roots_pem"],
                                  "CERT_FETCHER": serve_test_chain})


skill.create_app = create_app_trusting_test_certificates
"""

def with_test_trust(indent: str = "    ") -> str:
    """TRUST_TEST_CERTIFICATES, indented for the `if trust:` block of a runner's source."""
    return "".join(indent + line if line.strip() else line for line in TRUST_TEST_CERTIFICATES.splitlines(True))


# Runs in the fresh interpreter: argv = task dir, sdk dir, handler, trust JSON or "".
_RUNNER = r"""
import importlib, json, sys, time
task, sdk, handler_name, trust = sys.argv[1:5]
sys.path.insert(0, task)
sys.path.append(sdk)
if trust:
    trust = json.loads(trust)
    {trust_test_certificates}
module_name, _, function_name = handler_name.rpartition(".")
started = time.perf_counter()
module = importlib.import_module(module_name)
handler = getattr(module, function_name)
import_ms = (time.perf_counter() - started) * 1000
assert module.__file__.startswith(task), module.__file__


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


results = []
for event in json.loads(sys.stdin.read()):
    started = time.perf_counter()
    response = handler(event, Context())
    results.append({"response": response, "ms": (time.perf_counter() - started) * 1000})
outside_zip = sorted({m.__name__.split(".")[0] for m in list(sys.modules.values())
                      if (getattr(m, "__file__", None) or "").startswith(sdk)})
print(json.dumps({"import_ms": import_ms, "results": results, "runtime_modules_used": outside_zip}))
"""
_RUNNER = _RUNNER.replace("    {trust_test_certificates}\n", with_test_trust())

# What Lambda sets in every function's environment (the ones code commonly reads).
LAMBDA_ENV = {
    "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1", "AWS_EXECUTION_ENV": "AWS_Lambda_python3.12",
    "AWS_LAMBDA_FUNCTION_NAME": "shared-compassion-dev-web", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
    "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST", "LANG": "en_US.UTF-8", "TZ": ":UTC",
    "PATH": "/usr/local/bin:/usr/bin:/bin",
}


def invoke(task: Path, handler: str, events: list[dict], env: dict, sdk: Path, python: str | None = None,
           trust: dict | None = None, timeout: float = 120) -> dict:
    """Send `events` to `handler` in one fresh process (one cold start, then warm invocations).

    Returns {"import_ms", "results": [{"response", "ms"}], "runtime_modules_used"}. `trust`:
    {"url", "roots_pem", "chain_pem"} to accept the tests' certificates (see the module docstring).
    """
    python = python or lambda_python()
    if python is None:
        raise RuntimeError(f"no Python {LAMBDA_PYTHON_VERSION} found (set LAMBDA_PYTHON)")
    process_env = {**LAMBDA_ENV, "LAMBDA_TASK_ROOT": str(task), "HOME": str(task.parent), **env}
    result = subprocess.run(
        [python, "-I", "-S", "-B", "-c", _RUNNER, str(task), str(sdk), handler, json.dumps(trust) if trust else ""],
        input=json.dumps(events), capture_output=True, text=True, env=process_env, cwd=task, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"the handler's process failed ({result.returncode}):\n{result.stderr[-4000:]}")
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    outcome["log"] = result.stderr
    return outcome


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="serverless package for one architecture")
    build_command.add_argument("--arch", choices=ARCHITECTURES, default="x86_64")
    build_command.add_argument("--stage", default="dev")
    args = parser.parse_args(argv)
    if args.command == "build":
        print(build(args.arch, args.stage))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
