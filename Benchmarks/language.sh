#!/usr/bin/env bash
# Language benchmarks on a release build, side by side with jq as the
# reference, in one hyperfine run each (medians; the machine is shared).
#   Benchmarks/language.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product nql >/dev/null
nql=.build/release/nql
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)" >&2; exit 1; }
echo "== start-up: nql -e '1' vs jq -n '1'"
hyperfine -N --warmup 5 --runs 40 --export-json /tmp/nql-bench-startup.json "$nql -e 1" "jq -n 1" | grep -E "Time|±|faster"
echo "== 1,000,000-element range | map | where | sum"
hyperfine -N --warmup 1 --runs 10 --export-json /tmp/nql-bench-pipeline.json \
  "$nql -e 'range(1000000) | map(x -> x * 3) | where(x -> x % 2 == 0) | sum'" \
  "jq -n '[range(1000000) | . * 3 | select(. % 2 == 0)] | add'" | grep -E "Time|±|faster"
python3 - <<'PY'
import json
for name in ["startup", "pipeline"]:
    for r in json.load(open(f"/tmp/nql-bench-{name}.json"))["results"]:
        print(f"{name:9} median {r['median']*1000:8.1f} ms  {r['command']}")
PY
