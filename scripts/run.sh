#!/usr/bin/env bash
# Set up (a .venv with the package) and run the main job: the batch extractor over
# the bundled corpus, writing JSONL and Parquet tables to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
rm -rf out/corpus.jsonl out/corpus.parquet  # a fresh run (the runner would resume an existing output)
mkdir -p out
.venv/bin/vnextract extract corpus -o out/corpus.jsonl --summary "$@"
if .venv/bin/vnextract extract --help | grep -q -- "--format"; then
  .venv/bin/vnextract extract corpus -o out/corpus.parquet --format parquet --no-progress >/dev/null 2>&1 \
    && echo "tables (articles, meetings, officials, targets, percentages, quantities): out/corpus.parquet/" || true
fi
echo "records: out/corpus.jsonl"
