# The two commands a newcomer needs: `make run` and `make test`.
# Each one builds the virtual environment first, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run run-lambda test models sim check-models clean package lambda-requirements chromium nginx fuzz bench soak diagram danger-model

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Local development server: verification off (development mode), embedded store.
run: $(STAMP)
	@echo "Shared Compassion is listening on http://$(HOST):$(PORT)/alexa"
	@echo "Web simulator:  http://$(HOST):$(PORT)/simulator"
	@echo "Try:  curl -s -X POST -H 'Content-Type: application/json' --data @tests/requests/launch.json http://$(HOST):$(PORT)/alexa"
	@echo " or:  make sim ARGS=\"--url http://$(HOST):$(PORT)/alexa\"   (type what you would say)"
	SKILL_ENV=development ALLOW_UNVERIFIED_REQUESTS=1 $(BIN)/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT) 'skill.wsgi:app'

test: $(STAMP) package chromium nginx
	$(BIN)/python -m pytest

# Debian's headless Chromium for the web simulator's browser test (installed once, as root).
chromium:
	./scripts/ensure-chromium

# Debian's nginx for the slow-client test of deploy/nginx/ (installed once, as root; never started as a service).
nginx:
	./scripts/ensure-nginx

# Property-based fuzzing of POST /alexa with the "fuzz" profile (over 10,000 generated cases).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_fuzz.py --hypothesis-show-statistics -q

# Benchmarks (bench/run.py): bare Flask vs an ask-sdk hello skill vs ours, under gunicorn, with wrk.
# Writes bench/results.md and bench/results.json (about three minutes).
bench: $(STAMP)
	$(BIN)/python bench/run.py $(ARGS)

# Soak and faults (bench/soak.py): 60 s at 32 connections, then a worker killed mid-load.
soak: $(STAMP)
	$(BIN)/python bench/soak.py $(ARGS)

# Rewrite interaction_models/<locale>.json from interaction_models/source/.
models: $(STAMP)
	$(BIN)/python interaction_models/build.py

# Talk to the skill as Alexa would, in this terminal: `make sim`, or `make sim ARGS="--speak"`.
sim: $(STAMP)
	$(BIN)/compassion-sim $(ARGS)

# Draw the dialog table (skill/dialog.py) as a Mermaid state diagram in docs/dialog.md.
danger-model: $(STAMP)
	$(BIN)/python scripts/train_danger_model.py

diagram: $(STAMP)
	$(BIN)/python scripts/dialog_diagram.py

# Check every interaction model for what the developer console would reject.
check-models: $(STAMP)
	$(BIN)/compassion-sim --check-models

# --- Deploy: the Lambda package, built offline (see README "Deploy") ---
# npm ci only when the lock file changes.
NPM_STAMP := node_modules/.npm-ci-stamp
# `serverless package` needs no AWS account, but the AWS SDK wants credentials to exist:
# dummy ones make sure nothing here can reach a real account. osls sends no telemetry; the SLS_*
# switches keep it so should someone swap in upstream Serverless v3.
OFFLINE_SERVERLESS_ENV := AWS_ACCESS_KEY_ID=AKIAOFFLINEPACKAGING AWS_SECRET_ACCESS_KEY=offline-packaging-only \
	AWS_SESSION_TOKEN= AWS_PROFILE= AWS_REGION=us-east-1 AWS_SDK_LOAD_CONFIG=0 \
	AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
	SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off \
	PACKAGING_PYTHON=$(abspath $(BIN)/python)
CFN_TEMPLATE := .serverless/cloudformation-template-update-stack.json

$(NPM_STAMP): package-lock.json package.json
	@command -v npm >/dev/null || { echo "npm not found: installing Node.js from Debian"; \
		apt-get update -qq && apt-get install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund
	touch $@

# Build the dev stage's Lambda zip and CloudFormation template, then lint the template.
# First the x86_64 package that tests/test_lambda_shape.py runs locally (.serverless-x86_64/;
# building empties .serverless/, so it comes first), then the arm64 one that is deployed.
package: $(STAMP) $(NPM_STAMP)
	$(BIN)/python deploy/lambda_requirements.py --check
	env PACKAGING_PYTHON=$(abspath $(BIN)/python) $(BIN)/python deploy/lambda_shape.py build --arch x86_64
	@start=$$(date +%s); \
	env $(OFFLINE_SERVERLESS_ENV) npx --no-install serverless package --stage dev || exit 1; \
	echo "serverless package took $$(( $$(date +%s) - start )) s; Lambda zip $$(stat -c %s .serverless/shared-compassion.zip) bytes"
	$(BIN)/cfn-lint --non-zero-exit-code error $(CFN_TEMPLATE)

# The Lambda shape on http://127.0.0.1:3000 (serverless-offline): serverless-wsgi's handler fed
# API Gateway HTTP API events, as on AWS, with the `local` stage's settings (unverified, SQLite in
# instance/). serverless-offline runs the handler with this virtualenv's python3 (VIRTUAL_ENV).
LAMBDA_PORT ?= 3000
LAMBDA_INVOKE_PORT ?= 3002
LAMBDA_DATA_DIR ?= $(abspath instance)
run-lambda: $(STAMP) $(NPM_STAMP)
	@echo "The Lambda shape is listening on http://127.0.0.1:$(LAMBDA_PORT)/alexa"
	@echo "Try:  make sim ARGS=\"--url http://127.0.0.1:$(LAMBDA_PORT)/alexa\""
	mkdir -p $(LAMBDA_DATA_DIR)
	env $(OFFLINE_SERVERLESS_ENV) VIRTUAL_ENV=$(abspath $(VENV)) ALLOW_UNVERIFIED_REQUESTS=1 \
		DATA_DIR=$(LAMBDA_DATA_DIR) npx --no-install serverless offline start --stage local \
		--httpPort $(LAMBDA_PORT) --lambdaPort $(LAMBDA_INVOKE_PORT)

# Rewrite requirements-lambda.txt from pyproject.toml.
lambda-requirements: $(STAMP)
	$(BIN)/python deploy/lambda_requirements.py

clean:
	rm -rf $(VENV) .pytest_cache .serverless .serverless-x86_64 .serverless-python-cache node_modules
