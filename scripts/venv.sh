# Sourced by run.sh and test.sh: make .venv (if missing) and install the project into it.
# usage: source scripts/venv.sh [EXTRAS]     (EXTRAS: parquet, dask, report, all, test, ... comma-separated)
# One line per step; pip runs quietly (-qq: errors only) and setuptools' notes on editable
# installs are silenced (PYTHONWARNINGS=ignore reaches the build backend), so no warning boxes.
PY=${PYTHON:-python3}
_who=${VENV_WHO:-venv.sh}
if [ ! -x .venv/bin/python ]; then
  echo "$_who: creating .venv with $("$PY" --version 2>&1)"
  "$PY" -m venv .venv
fi
echo "$_who: installing the project into .venv${1:+ with the extras [$1]} (pip, a minute on a first run)"
PYTHONWARNINGS=ignore .venv/bin/python -m pip install -qq --upgrade pip
PYTHONWARNINGS=ignore .venv/bin/python -m pip install -qq -e ".${1:+[$1]}"
