#!/usr/bin/env bash
# Streaming at scale: builds N× copies of the Reuters-21578 corpus (ids made
# unique) in a temporary folder, runs the pipelines of issue 11 on each, and
# prints wall time, peak RSS and CPU% per size, beside jq doing the same job
# where jq can (entity recognition it cannot; its `\boil\b` stands for
# contains' whole-word test: jq 1.6 has no look-behind with \p{L}).
#
#   Benchmarks/scale.sh [SIZE ...]          default sizes: 1 10 100
#
# Environment: NQL (the binary, default .build/release/nql, built if missing),
# NQL_CORPUS (default ../shared/data/corpus/reuters21578.jsonl),
# NQL_SCALE_MENTIONS_MAX (largest size for the entity pipeline, default 10:
# recognition of 100× takes minutes). The temporary folder is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${NQL_CORPUS:-../shared/data/corpus/reuters21578.jsonl}
nql=${NQL:-.build/release/nql}
mentions_max=${NQL_SCALE_MENTIONS_MAX:-10}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 10 100)

[ -r "$corpus" ] || { echo "scale.sh: no corpus at $corpus (set NQL_CORPUS)" >&2; exit 2; }
[ -x "$nql" ] || swift build -c release --product nql
[ -x /usr/bin/time ] || { echo "scale.sh: needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 2; }
if command -v jq >/dev/null; then jq=jq; else
    jq=""
    echo "jq is not installed (apt-get install jq): its column is left empty"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
corpus_bytes=$(stat -c %s "$corpus")
free_bytes=$(( $(df -Pk "$tmp" | awk 'NR == 2 { print $4 }') * 1024 ))

# measure LABEL COMMAND: runs COMMAND with bash, prints "wall s  RSS MiB  CPU%".
measure() {
    local rc=0
    /usr/bin/time -f "%e %M %P" -o "$tmp/time" bash -o pipefail -c "$1" >/dev/null 2>"$tmp/err" || rc=$?
    # 141: ended by SIGPIPE when `head` has what it wants, as expected.
    if [ "$rc" -eq 0 ] || [ "$rc" -eq 141 ]; then
        tail -1 "$tmp/time" | awk '{ printf "%7.2f s %7.0f MiB %5s", $1, $2 / 1024, $3 }'
    else
        printf "%26s" "failed ($(tail -1 "$tmp/err" | cut -c1-30))"
    fi
}

row() { # row SIZE OP NQL_COMMAND JQ_COMMAND
    printf "%5s×  %-34s  %s" "$1" "$2" "$(measure "$3")"
    if [ -n "$4" ] && [ -n "$jq" ]; then printf "   |  jq %s" "$(measure "$4")"; fi
    printf "\n"
}

echo "nql: $nql   corpus: $corpus ($((corpus_bytes / 1000000)) MB)   $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%6s  %-34s  %26s   |  %s\n" size operation "nql: wall, peak RSS, CPU" "jq: the same job"
for n in "${sizes[@]}"; do
    need=$(( corpus_bytes * n * 11 / 10 ))
    if [ "$need" -gt "$free_bytes" ]; then
        echo "${n}×: needs $((need / 1000000)) MB in $tmp, $((free_bytes / 1000000)) MB free: skipped"
        continue
    fi
    file="$tmp/reuters-$n.jsonl"
    for k in $(seq 1 "$n"); do
        sed "s/^{\"newid\": \([0-9]*\)/{\"newid\": \"$k-\1\"/" "$corpus"
    done > "$file"
    row "$n" 'load(file) | len' \
        "$nql -e 'load(\"$file\") | len'" \
        "jq -n 'reduce inputs as \$x (0; . + 1)' '$file'"
    row "$n" 'stdin: filter(contains oil) | select' \
        "cat '$file' | $nql -f jsonl -e 'load(\"-\") | filter(contains(.text, \"oil\")) | select(.id, .title)'" \
        "cat '$file' | jq -c 'select(.body // \"\" | test(\"\\\\boil\\\\b\"; \"i\")) | {id: .newid, title}'"
    row "$n" 'stdin: tally(.source)' \
        "cat '$file' | $nql -f jsonl -e 'load(\"-\") | tally(.source)'" \
        "cat '$file' | jq -n 'reduce inputs as \$x ({}; .[\$x.source // \"null\" | tostring] += 1)'"
    if [ "$n" -le "$mentions_max" ]; then
        row "$n" 'stdin: filter(mentions Japan) | select' \
            "cat '$file' | $nql -f jsonl -e 'load(\"-\") | filter(mentions(\"Japan\")) | select(.id, .title)'" ""
    fi
    row "$n" 'first line through | head -1' \
        "cat '$file' | $nql -f jsonl -e 'load(\"-\") | filter(contains(.text, \"oil\")) | select(.id, .title)' | head -1" \
        "cat '$file' | jq -c 'select(.body // \"\" | test(\"oil\"; \"i\")) | {id: .newid, title}' | head -1"
    rm -f "$file"
done
