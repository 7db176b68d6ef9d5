#!/usr/bin/env bash
# Set up (a .venv with the package and its test extras) and run the whole test suite.
# Used by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh test
# A bounded fuzz run first (coverage-guided with atheris, else hypothesis), then the suite,
# so that pytest's summary is the last line.
.venv/bin/python tests/fuzz_extract.py -runs="${FUZZ_RUNS:-1000}" -max_len=4096 2>&1 | tail -n 1
.venv/bin/python -m pytest "$@"
