# The two commands a newcomer needs: `make run` and `make test`.
# Each one builds the virtual environment first, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test models clean fuzz bench soak

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Local development server: verification off (development mode), embedded store.
run: $(STAMP)
	@echo "Shared Compassion is listening on http://$(HOST):$(PORT)/alexa"
	@echo "Try:  curl -s -X POST -H 'Content-Type: application/json' --data @tests/requests/launch.json http://$(HOST):$(PORT)/alexa"
	SKILL_ENV=development $(BIN)/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT) 'skill.wsgi:app'

test: $(STAMP)
	$(BIN)/python -m pytest

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

clean:
	rm -rf $(VENV) .pytest_cache
