#!/usr/bin/env bash
# Set up (a .venv with the package and its test extras) and run the whole test suite.
# Used by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV_WHO=test.sh source scripts/venv.sh test
# The report's browser test needs a real browser: Debian's chromium, installed where missing.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing chromium (Debian) for the report's browser test"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test.sh: chromium is missing (apt-get install chromium); the report's browser test will fail" >&2
  fi
fi
# A bounded fuzz run first (coverage-guided with atheris, else hypothesis), then the suite,
# so that pytest's summary is the last line.
echo "test.sh: fuzzing extract() (${FUZZ_RUNS:-1000} runs): $(.venv/bin/python tests/fuzz_extract.py -runs="${FUZZ_RUNS:-1000}" -max_len=4096 2>&1 | tail -n 1)"
echo "test.sh: running the test suite (pytest)"
.venv/bin/python -m pytest "$@"
