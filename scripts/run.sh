#!/usr/bin/env bash
# Set up (a .venv with the package and its 'parquet' extra) and run the main job: the batch
# extractor over the bundled corpus, writing JSONL and Parquet tables (with their dataset card) to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV_WHO=run.sh source scripts/venv.sh parquet
rm -rf out/corpus.jsonl out/corpus.parquet  # a fresh run (the runner would resume an existing output)
mkdir -p out
echo "run.sh: extracting corpus/ -> out/corpus.jsonl"
# exit 1 (some inputs gave error rows, written) is a result, not a failure of the script
.venv/bin/vnextract extract corpus -o out/corpus.jsonl --no-progress "$@" || [ $? -eq 1 ]
echo "run.sh: extracting corpus/ -> out/corpus.parquet/ (tables and README.md, the dataset card)"
.venv/bin/vnextract extract corpus -o out/corpus.parquet --format parquet --no-progress "$@" || [ $? -eq 1 ]
echo "run.sh: records: out/corpus.jsonl; tables (articles, meetings, officials, targets, percentages, quantities, errors): out/corpus.parquet/"
