# Sourced by run.sh and test.sh: make .venv (if missing) and install the project into it.
# usage: source scripts/venv.sh [EXTRAS]
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".${1:+[$1]}"
