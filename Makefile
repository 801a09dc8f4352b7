# `make demo` and `make test` work on a fresh machine: they create .venv and install first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED := ../shared
SEED := $(SHARED)/seed/nato-iraq-thehill.txt

.PHONY: install demo test eval clean

$(BIN)/eventwire: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The browser tests drive Debian's Chromium (never a browser downloaded by a test tool). As root
# it is installed here; otherwise install the `chromium` package, or the browser tests skip.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get install -y -q chromium >/dev/null 2>&1 || \
	  (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1) || \
	  echo "(chromium could not be installed: the browser tests will skip)"; \
	else \
	  echo "(no $(CHROMIUM): install Debian's chromium package to run the browser tests)"; \
	fi

install: $(BIN)/eventwire $(CHROMIUM)

demo: install
	@if [ -f $(SEED) ]; then \
	  $(BIN)/eventwire extract $(SEED) --published 2021-02-18 && \
	  $(BIN)/eventwire ingest $(SEED) --db demo.db --published 2021-02-18; \
	else \
	  echo "(../shared is absent: coding the bundled example articles)"; \
	  $(BIN)/eventwire extract src/eventwire/examples/*.txt && \
	  $(BIN)/eventwire ingest src/eventwire/examples --db demo.db; \
	fi
	@echo "Browse these events (table, map, search): $(BIN)/eventwire serve --db demo.db"

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/eventwire eval --data $(SHARED)/eval-data

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info demo.db demo.db-wal demo.db-shm
