# Jiandu: `make run` serves the demo; `make test` runs every check. Both install what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000
DEMO_CASES ?= 2000

.PHONY: install run test lint typecheck unit bench neo4j-jars clean

$(STAMP): pyproject.toml constraints.txt tools/system-deps.sh web/package.json web/package-lock.json
	bash tools/system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP)

run: install
	@echo "make run: serving the local demo with JIANDU_AUTH=off (no authentication: never do this in production)"
	@echo "make run: GraphiQL at http://$(HOST):$(PORT)/graphql, the graph explorer at http://$(HOST):$(PORT)/explore"
	JIANDU_AUTH=off $(BIN)/jiandu serve --demo-if-empty $(DEMO_CASES) --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy

neo4j-jars: install
	@if command -v mvn >/dev/null && test -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java; then \
		$(BIN)/python tools/neo4j/neo4j_server.py fetch; \
	else echo "neo4j-jars: no JDK 17 or Maven here: the Neo4j tests will be skipped"; fi

# Two workers (the machine's two cores): every Neo4j test in one of them, on its one server.
test: install lint typecheck neo4j-jars
	$(BIN)/pytest -n 2 --dist loadgroup

unit: install
	$(BIN)/pytest -m "not neo4j and not browser"

bench: install neo4j-jars
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
