# Two commands on a fresh machine: `make demo` (the main job on the tiny model) and `make test` (every notebook).
# Both create or reuse the virtual environment $(VENV). Torch: the CPU build `torch==2.13.0` is installed only when
# the environment has no torch yet; pass TORCH=... to choose another (e.g. a CUDA build) or VENV=... to reuse yours.
PYTHON ?= python3
VENV ?= .venv
TORCH ?= torch==2.13.0
BIN := $(VENV)/bin
OUT ?= demo_out

.PHONY: demo test sync bench clean-venv browser wheel
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python settings.ini setup.py
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -c "import torch" 2>/dev/null || $(BIN)/python -m pip install -q "$(TORCH)"
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

demo: $(VENV)/.installed
	$(BIN)/clic demo --out $(OUT)

# the demo report is checked in headless Chromium: Debian's package (needs apt, as on CI); playwright drives it
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "make: could not install chromium (apt-get install chromium); the report check will fail"

test: $(VENV)/.installed browser
	HF_HUB_OFFLINE=1 $(BIN)/python tools/test_nbs.py

# The checks CI runs after the tests: library, README and notebooks are what the notebooks say.
sync: $(VENV)/.installed
	PATH=$(BIN):$$PATH tools/check_sync.sh

# The wheel a user installs: built, installed into a fresh environment (CPU torch first), `clic demo` run from it.
wheel: $(VENV)/.installed
	PYTHON=$(BIN)/python TORCH="$(TORCH)" tools/check_wheel.sh

# Benchmarks print ratios measured in one run (targets in each script's docstring); not part of the tests.
bench: $(VENV)/.installed
	HF_HUB_OFFLINE=1 $(BIN)/python bench/attention_capture.py
	HF_HUB_OFFLINE=1 $(BIN)/python bench/learn_step.py
	HF_HUB_OFFLINE=1 $(BIN)/python bench/transfer.py
	$(BIN)/python bench/toy_world.py

clean-venv:
	rm -rf $(VENV)
