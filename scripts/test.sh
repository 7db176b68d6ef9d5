#!/usr/bin/env bash
# Set up (a .venv with the package and its test extras) and run the whole test suite.
# Used by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh test
.venv/bin/python -m pytest "$@"
