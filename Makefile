# The two commands a newcomer needs: `make run` and `make test`.
# Each one builds the virtual environment first, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test models sim check-models clean chromium

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
	SKILL_ENV=development $(BIN)/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT) 'skill.wsgi:app'

test: $(STAMP) chromium
	$(BIN)/python -m pytest

# Debian's headless Chromium for the web simulator's browser test (installed once, as root).
chromium:
	./scripts/ensure-chromium

# Rewrite interaction_models/<locale>.json from interaction_models/source/.
models: $(STAMP)
	$(BIN)/python interaction_models/build.py

# Talk to the skill as Alexa would, in this terminal: `make sim`, or `make sim ARGS="--speak"`.
sim: $(STAMP)
	$(BIN)/compassion-sim $(ARGS)

# Check every interaction model for what the developer console would reject.
check-models: $(STAMP)
	$(BIN)/compassion-sim --check-models

clean:
	rm -rf $(VENV) .pytest_cache
