"""The Lambda packages that `make package` (serverless package --stage dev) builds, opened and checked.

Two packages from the same serverless.yml: arm64 (.serverless/, what is deployed) and x86_64
(.serverless-x86_64/, what tests/test_lambda_shape.py runs here); the checks of what is inside a
zip run on both. They are products of `make package`, which `make test` runs first. A bare
`pytest` without them skips these checks with the reason; in CI (CI=true) a missing package is a
failure, so CI can never pass without having built and checked it.
"""
from __future__ import annotations

import ast
import json
import os
import posixpath
import re
import struct
import subprocess
import sys
import zipfile
from email.parser import Parser

import pytest
import yaml
from packaging import tags

from conftest import ROOT
from skill.store.dynamodb import PARTITION_KEY

sys.path.insert(0, str(ROOT / "deploy"))
import lambda_shape  # noqa: E402

sys.path.remove(str(ROOT / "deploy"))

SERVERLESS_DIR = ROOT / ".serverless"
PACKAGE_ZIP = SERVERLESS_DIR / "shared-compassion.zip"
TEMPLATE = SERVERLESS_DIR / "cloudformation-template-update-stack.json"
SERVERLESS_BIN = ROOT / "node_modules" / ".bin" / "serverless"

# Lambda accepts 50 MB zipped for a direct upload and 250 MB unzipped; we stay far below both,
# so a dependency that balloons the package is noticed here rather than at deploy time.
ZIPPED_BUDGET_BYTES = 20 * 1024 * 1024
UNZIPPED_BUDGET_BYTES = 60 * 1024 * 1024

# The Lambda runtime provides these; a copy in the zip is dead weight (and may shadow the runtime's).
PROVIDED_BY_LAMBDA = ("boto3", "botocore", "s3transfer", "jmespath")

# ELF e_machine values of the two Lambda architectures.
ELF_MACHINE = {"arm64": 0xB7, "x86_64": 0x3E}
WHEEL_ARCH = {"arm64": "aarch64", "x86_64": "x86_64"}
# Lambda's python3.12+ runtimes run on Amazon Linux 2023, whose glibc is 2.34.
LAMBDA_GLIBC_MINOR = 34


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _require(path, what: str):
    if path.exists():
        return path
    message = f"{path.relative_to(ROOT)} is missing: {what} (`make package` builds it; `make test` runs it first)"
    if _in_ci():
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module", params=["arm64", "x86_64"])
def architecture(request) -> str:
    return request.param


def _package_dir(architecture: str):
    return SERVERLESS_DIR if architecture == "arm64" else ROOT / f".serverless-{architecture}"


@pytest.fixture(scope="module")
def package(architecture):
    with zipfile.ZipFile(_require(_package_dir(architecture) / PACKAGE_ZIP.name, "the Lambda zip")) as archive:
        yield archive


@pytest.fixture(scope="module")
def package_template(architecture) -> dict:
    """The template built with `package`, for the same architecture."""
    return json.loads(_require(_package_dir(architecture) / TEMPLATE.name, "the CloudFormation template").read_text())


@pytest.fixture(scope="module")
def template() -> dict:
    return json.loads(_require(TEMPLATE, "the CloudFormation template").read_text())


@pytest.fixture(scope="module")
def web_function(template) -> dict:
    return template["Resources"]["WebLambdaFunction"]["Properties"]


@pytest.fixture(scope="module")
def target(package_template, architecture) -> dict:
    """The runtime and architecture the package's template declares: what the zip's binaries must fit."""
    function = package_template["Resources"]["WebLambdaFunction"]["Properties"]
    runtime = function["Runtime"]
    match = re.fullmatch(r"python3\.(\d+)", runtime)
    assert match, f"not a CPython runtime: {runtime}"
    (declared,) = function.get("Architectures", ["x86_64"])
    # The parameter reached the template: a function declared for one architecture with wheels
    # for the other would fail at its first import, on Lambda.
    assert declared == architecture
    return {"python_minor": int(match.group(1)), "architecture": declared}


def _lambda_supported_tags(python_minor: int, architecture: str) -> set[str]:
    """Every wheel tag pip would accept on the Lambda runtime (CPython 3.x, manylinux <= glibc 2.34)."""
    arch = WHEEL_ARCH[architecture]
    platforms = [f"manylinux_2_{minor}_{arch}" for minor in range(LAMBDA_GLIBC_MINOR, 16, -1)]
    platforms += [f"manylinux2014_{arch}"]
    if arch == "x86_64":
        platforms += ["manylinux2010_x86_64", "manylinux1_x86_64"]
    version = (3, python_minor)
    supported = tags.cpython_tags(version, abis=[f"cp3{python_minor}"], platforms=platforms)
    compatible = tags.compatible_tags(version, interpreter=f"cp3{python_minor}", platforms=platforms)
    return {str(tag) for tag in (*supported, *compatible)}


def _top_level_names(package: zipfile.ZipFile) -> set[str]:
    return {name.split("/", 1)[0] for name in package.namelist()}


def test_lambda_requirements_are_generated_from_pyproject():
    result = subprocess.run([sys.executable, str(ROOT / "deploy" / "lambda_requirements.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_lambda_requirements_leave_out_the_server_and_the_aws_sdk():
    sys.path.insert(0, str(ROOT / "deploy"))
    try:
        import lambda_requirements
    finally:
        sys.path.remove(str(ROOT / "deploy"))
    names = [lambda_requirements.distribution_name(line)
             for line in lambda_requirements.render().splitlines() if line and not line.startswith("#")]
    assert "flask" in names and "ask-sdk-core" in names
    assert not {"gunicorn", "boto3", "botocore"} & set(names)


def test_every_native_library_is_built_for_the_lambda_architecture(package, target):
    machine = ELF_MACHINE[target["architecture"]]
    native = []
    for info in package.infolist():
        head = package.open(info).read(20) if info.file_size >= 20 else b""
        if head[:4] != b"\x7fELF":
            continue
        little_endian = head[5] == 1
        (e_machine,) = struct.unpack("<H" if little_endian else ">H", head[18:20])
        assert e_machine == machine, f"{info.filename}: ELF machine {e_machine:#x}, expected {machine:#x}"
        native.append(info.filename)
    assert native, "no compiled extension in the package: cryptography alone should bring one"


def test_extension_modules_are_named_for_the_lambda_python(package, target):
    arch = WHEEL_ARCH[target["architecture"]]
    allowed = re.compile(rf"\.(cpython-3{target['python_minor']}-{arch}-linux-gnu|abi3)\.so$")
    extensions = [n for n in package.namelist() if n.endswith(".so") and ".libs/" not in n]
    assert extensions
    wrong = [n for n in extensions if not allowed.search(n)]
    assert not wrong, f"extension modules built for another Python or platform: {wrong}"
    assert any(n.startswith("cryptography/") for n in extensions)


def test_every_binary_wheel_is_tagged_for_the_lambda_runtime(package, target):
    supported = _lambda_supported_tags(target["python_minor"], target["architecture"])
    binary_wheels = {}
    for name in package.namelist():
        if re.fullmatch(r"[^/]+\.dist-info/WHEEL", name):
            metadata = Parser().parsestr(package.read(name).decode())
            if metadata["Root-Is-Purelib"].strip().lower() == "false":
                binary_wheels[name.split(".dist-info")[0]] = metadata.get_all("Tag")
    assert any(name.startswith("cryptography-") for name in binary_wheels), sorted(binary_wheels)
    unfit = {name: wheel_tags for name, wheel_tags in binary_wheels.items()
             if not set(wheel_tags) & supported}
    assert not unfit, f"wheels that would not load on Lambda python3.{target['python_minor']}: {unfit}"


def test_the_aws_sdk_is_left_to_the_runtime(package):
    top = _top_level_names(package)
    bundled = [name for name in top
               if re.split(r"[-.]", name, maxsplit=1)[0].lower() in PROVIDED_BY_LAMBDA]
    assert not bundled, bundled


def test_the_skill_the_handler_and_the_models_are_packaged(package):
    names = set(package.namelist())
    ours = {str(p.relative_to(ROOT)) for p in (ROOT / "skill").rglob("*.py") if "__pycache__" not in p.parts}
    assert ours and ours <= names, sorted(ours - names)
    models = {str(p.relative_to(ROOT)) for p in (ROOT / "interaction_models").glob("*.json")}
    assert "interaction_models/skill.json" in models and models <= names, sorted(models - names)
    assert {"wsgi_handler.py", "serverless_wsgi.py", ".serverless-wsgi"} <= names
    assert json.loads(package.read(".serverless-wsgi"))["app"] == "skill.wsgi.app"
    # Nothing that only the developer needs.
    assert not _top_level_names(package) & {"tests", "node_modules", ".venv", "deploy", "README.md"}


def test_every_module_carries_bytecode_for_the_runtime_and_no_other(package, target):
    """/var/task is read-only: a module without its .pyc in the zip is compiled at every cold start
    (deploy/compile_bytecode.py). Hash-based and unchecked (PEP 552), since the zip keeps no exact mtimes."""
    names = set(package.namelist())
    tag = f"cpython-3{target['python_minor']}"
    sources = [n for n in names if n.endswith(".py")]
    expected = {posixpath.join(posixpath.dirname(n), "__pycache__", f"{posixpath.basename(n)[:-3]}.{tag}.pyc")
                for n in sources}
    compiled = {n for n in names if n.endswith(".pyc")}
    assert sources and compiled == expected, (sorted(expected - compiled)[:10], sorted(compiled - expected)[:10])
    headers = {package.open(n).read(8) for n in compiled}
    (header,) = headers  # one Python's magic number, one kind of .pyc
    assert int.from_bytes(header[4:8], "little") == 0b01, "not an unchecked hash-based .pyc"
    python = lambda_shape.lambda_python(f"3.{target['python_minor']}")
    if python is not None:
        magic = subprocess.run([python, "-c", "import importlib.util; print(importlib.util.MAGIC_NUMBER.hex())"],
                               capture_output=True, text=True, check=True).stdout.strip()
        assert header[:4].hex() == magic


def test_the_package_is_within_its_size_budget(package):
    zipped = os.stat(package.filename).st_size
    unzipped = sum(info.file_size for info in package.infolist())
    print(f"\nLambda package {package.filename}: {zipped / 1e6:.1f} MB zipped, {unzipped / 1e6:.1f} MB unzipped, "
          f"{len(package.infolist())} files")
    assert zipped <= ZIPPED_BUDGET_BYTES, f"{zipped} bytes zipped > budget {ZIPPED_BUDGET_BYTES}"
    assert unzipped <= UNZIPPED_BUDGET_BYTES, f"{unzipped} bytes unzipped > budget {UNZIPPED_BUDGET_BYTES}"


def test_the_function_runs_in_production_mode_against_its_own_table(web_function, template):
    env = web_function["Environment"]["Variables"]
    table = template["Resources"]["SkillTable"]["Properties"]
    assert env["SKILL_ENV"] == "production"
    assert env["STORE"] == "dynamodb"
    assert env["DYNAMODB_TABLE"] == table["TableName"]
    assert env["SKILL_IDS"].startswith("amzn1.ask.skill.")
    assert web_function["Handler"] == "wsgi_handler.handler"
    # Alexa waits 8 seconds at most.
    assert web_function["Timeout"] < 8


def test_the_table_is_on_demand_and_keyed_by_user(template):
    table = template["Resources"]["SkillTable"]["Properties"]
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert "ProvisionedThroughput" not in table
    # The same key the store's adapter reads and writes.
    assert table["KeySchema"] == [{"AttributeName": PARTITION_KEY, "KeyType": "HASH"}]
    assert table["AttributeDefinitions"] == [{"AttributeName": PARTITION_KEY, "AttributeType": "S"}]


def test_the_role_may_touch_only_the_tables_items(template):
    statements = template["Resources"]["IamRoleLambdaExecution"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
    dynamodb = [s for s in statements if any(a.startswith("dynamodb:") for a in s["Action"])]
    assert len(dynamodb) == 1
    (statement,) = dynamodb
    assert statement["Effect"] == "Allow"
    assert sorted(statement["Action"]) == ["dynamodb:DeleteItem", "dynamodb:GetItem",
                                           "dynamodb:PutItem", "dynamodb:UpdateItem"]
    assert statement["Resource"] == [{"Fn::GetAtt": ["SkillTable", "Arn"]}]
    others = [a for s in statements if s not in dynamodb for a in s["Action"]]
    assert all(a.startswith("logs:") for a in others), others


def test_the_http_api_routes_alexa_and_health_to_the_function(template):
    routes = sorted(r["Properties"]["RouteKey"] for r in template["Resources"].values()
                    if r["Type"] == "AWS::ApiGatewayV2::Route")
    assert routes == ["GET /health", "POST /alexa"]


def test_the_direct_lambda_entry_point_is_off_by_default(template):
    functions = [name for name, r in template["Resources"].items() if r["Type"] == "AWS::Lambda::Function"]
    assert functions == ["WebLambdaFunction"]


def _serverless_print(*args: str) -> dict:
    if not SERVERLESS_BIN.exists():
        message = "node_modules is missing: `make package` (or `npm ci`) installs the serverless command"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "AKIAOFFLINEPACKAGING", "AWS_SECRET_ACCESS_KEY": "offline",
           "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
           "SLS_TELEMETRY_DISABLED": "1", "SLS_NOTIFICATIONS_MODE": "off"}
    result = subprocess.run([str(SERVERLESS_BIN), "print", "--format", "json", *args],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout[result.stdout.index("{"):])


def test_prod_with_the_direct_lambda_entry_point_switched_on():
    skill_id = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555"
    config = _serverless_print("--stage", "prod", f"--param=skillId={skill_id}",
                               "--param=enableAlexaSkillFunction=true")
    alexa = config["functions"]["alexa"]
    assert alexa["handler"] == "skill.lambda_handler.handler"
    assert alexa["events"] == [{"alexaSkill": {"appId": skill_id}}]
    assert config["provider"]["environment"]["SKILL_IDS"] == skill_id
    assert config["provider"]["environment"]["DYNAMODB_TABLE"] == "shared-compassion-prod"
    # Removing the prod stack must not delete what users' practice remembered.
    assert config["resources"]["Resources"]["SkillTable"]["DeletionPolicy"] == "Retain"


def test_serverless_command_is_the_pinned_open_source_one():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    # osls under the name `serverless`: the `serverless` command, and the peer dependency that
    # serverless-offline declares (serverless ^3.2.0) is met by it instead of by upstream Serverless.
    assert pinned["serverless"] == "npm:osls@3.77.1"
    assert lock["packages"]["node_modules/serverless"]["name"] == "osls"
    assert lock["packages"]["node_modules/serverless"]["version"] == "3.77.1"
    for name in ("serverless-wsgi", "serverless-python-requirements", "serverless-offline"):
        assert re.fullmatch(r"\d+\.\d+\.\d+", pinned[name]), f"{name} is not pinned exactly: {pinned[name]}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == pinned[name]
    # The Serverless Framework v3 open-source line: no login, no dashboard, v3 plugins work;
    # serverless-offline 13 is the last line for Serverless v3 (14 wants v4).
    assert lock["packages"]["node_modules/serverless-offline"]["peerDependencies"]["serverless"] == "^3.2.0"
    assert not [p for p in lock["packages"] if p.endswith("node_modules/osls")], "osls installed twice"


def test_the_local_stage_is_unverified_sqlite_on_127_0_0_1_only():
    config = _serverless_print("--stage", "local")
    environment = config["provider"]["environment"]
    assert environment["SKILL_ENV"] == "development" and environment["STORE"] == "sqlite"
    # Deployed by mistake, the entry point would refuse to start: nothing here allows unverified requests.
    assert "ALLOW_UNVERIFIED_REQUESTS" not in environment
    assert config["custom"]["serverless-offline"]["host"] == "127.0.0.1"


def test_the_deployed_function_is_arm64_by_default(web_function):
    assert web_function["Architectures"] == ["arm64"]


def _handlers_in_serverless_yml() -> list[str]:
    """Every handler serverless.yml can deploy: the web function's and the optional alexaSkill one's."""
    config = yaml.safe_load((ROOT / "serverless.yml").read_text())
    return [config["functions"]["web"]["handler"], config["custom"]["alexaSkillFunction"]["true"]["handler"]]


def _defines(source: str, name: str) -> bool:
    tree = ast.parse(source)
    return any((isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name)
               or (isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets))
               for node in tree.body)


def test_every_handler_resolves_to_a_function_in_the_zip(package, package_template):
    handlers = {r["Properties"]["Handler"] for r in package_template["Resources"].values()
                if r["Type"] == "AWS::Lambda::Function"} | set(_handlers_in_serverless_yml())
    names = set(package.namelist())
    for handler in handlers:
        module, _, function = handler.rpartition(".")
        path = module.replace(".", "/") + ".py"
        assert path in names, f"{handler}: {path} is not in the zip"
        assert _defines(package.read(path).decode(), function), f"{handler}: {path} defines no {function}"


# Read by the packaged code and deliberately not set by the template, with why the default is safe.
SAFE_WHEN_UNSET = {
    "ALLOW_UNVERIFIED_REQUESTS": "unset means every request's signature is checked",
    "DATA_DIR": "only for STORE=sqlite; the function uses DynamoDB",
    "DYNAMODB_ENDPOINT_URL": "unset means the real DynamoDB (set only to point at a stand-in)",
    "DYNAMODB_REGION": "unset means the function's own region",
    "STRIP_STAGE_PATH": "serverless-wsgi: the HTTP API's $default stage puts no stage in the path",
    "API_GATEWAY_BASE_PATH": "serverless-wsgi: no custom domain base path",
}
# Must never be set on a deployed function.
NEVER_SET = {"ALLOW_UNVERIFIED_REQUESTS"}


def _environment_names_read(source: str) -> set[str]:
    """Names in environ["X"], environ.get("X"), "X" in environ and os.getenv("X")."""
    names = set()
    process_environment = ("os.environ", "environ")  # not request.environ: that is WSGI's
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) in process_environment:
            key = node.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                names.add(key.value)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            called = ast.unparse(node.func)
            if called in ("os.environ.get", "environ.get", "os.getenv") and isinstance(node.args[0].value, str):
                names.add(node.args[0].value)
        elif (isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant)
              and any(isinstance(op, ast.In) for op in node.ops)
              and any(ast.unparse(c) in process_environment for c in node.comparators)):
            names.add(node.left.value)
    return names


def test_every_environment_variable_the_code_reads_is_set_or_safe_when_unset(package, package_template):
    from skill import config

    ours = [n for n in package.namelist() if n.endswith(".py")
            and (n.startswith("skill/") or n in ("wsgi_handler.py", "serverless_wsgi.py"))]
    read = set().union(*(_environment_names_read(package.read(n).decode()) for n in ours))
    read |= set(config._STRING_SETTINGS)  # read in a loop, by name
    assert {"SKILL_ENV", "SKILL_IDS", "STORE", "ALLOW_UNVERIFIED_REQUESTS"} <= read, read
    set_by_template = set(package_template["Resources"]["WebLambdaFunction"]["Properties"]["Environment"]["Variables"])
    unexplained = read - set_by_template - set(SAFE_WHEN_UNSET)
    assert not unexplained, f"read by the code, not set by serverless.yml, no safe default recorded: {unexplained}"
    assert not NEVER_SET & set_by_template
