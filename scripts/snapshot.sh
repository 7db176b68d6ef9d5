#!/usr/bin/env bash
# Records of the bundled corpus and (when ../shared is present) of the real dev set, one JSONL
# each, in a folder: run before and after a refactor and `diff -r` the two folders to show the
# behaviour kept byte for byte.  usage: bash scripts/snapshot.sh OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: snapshot.sh OUT_DIR}
mkdir -p "$out"
# a fresh run every time: the CLI resumes an output that exists, which would keep old records
rm -f "$out/corpus.jsonl" "$out/dev.jsonl" "$out/dev-in.jsonl"
py=${PYTHON:-$PWD/.venv/bin/python}
"$py" -m extractor extract corpus -o "$out/corpus.jsonl" --quiet --workers 1
dev=../shared/examples/dev/raw
if [ -d "$dev" ]; then
  "$py" - "$dev" "$out/dev-in.jsonl" <<'PY'
import json, pathlib, sys
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for p in sorted(pathlib.Path(sys.argv[1]).glob("*.json")):
        r = json.loads(p.read_text(encoding="utf-8"))
        f.write(json.dumps({"id": r["id"], "url": r["url"], "text": r["text"]}, ensure_ascii=False) + "\n")
PY
  # run inside OUT so that each record's `source` names the input the same way in every snapshot
  (cd "$out" && "$py" -m extractor extract dev-in.jsonl -o dev.jsonl --quiet --workers 1)
  rm "$out/dev-in.jsonl"
fi
# `input` is the resume key, made from the input's real path: drop it so that snapshots of two
# checkouts compare
"$py" - "$out"/*.jsonl <<'PY'
import json, sys
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    with open(name, "w", encoding="utf-8") as f:
        for r in rows:
            r.pop("input", None)
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
PY
# the order of lines is the inputs' order with one worker; timings are not in the records
echo "snapshot: $(wc -l < "$out/corpus.jsonl") corpus records, $( [ -f "$out/dev.jsonl" ] && wc -l < "$out/dev.jsonl" || echo 0) dev records in $out"
