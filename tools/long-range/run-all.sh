#!/usr/bin/env bash
# Every run of docs/long-range.md, one after another at low priority (the machine is shared).
# Usage: bash tools/long-range/run-all.sh [OUT_DIR] [ONLY]   (default tmp/long-range; ONLY: a
# regular expression of run names to (re)do, e.g. 'charrnn-sgd')
# Needs the data files of tools/long-range/make-data.ts in OUT_DIR; writes OUT_DIR/runs/*
# (run directories) and OUT_DIR/logs/*.log. Summarise with tools/long-range/table.ts.
set -u
out="${1:-tmp/long-range}"
only="${2:-.}"
mkdir -p "$out/runs" "$out/logs"
run() {
  local name="$1"
  shift
  [[ "$name" =~ $only ]] || return 0
  rm -rf "$out/runs/$name"
  echo "== $name: seqlab train $*"
  /usr/bin/time -f "$name wall %e s" nice -n 10 npx --no seqlab train "$@" --out "$out/runs/$name" \
    >"$out/logs/$name.log" 2>&1
  tail -n 1 "$out/logs/$name.log"
}
for T in 10 50 100; do
  for task in adding copy; do
    for cell in rnn lstm gru; do
      run "$task-$cell-T$T" "examples/$task-$cell.seq" --data "$out/$task-T$T.jsonl"
    done
  done
done
for f in charrnn charrnn-clip charrnn-tbptt25 charrnn-tbptt5; do
  run "$f" "examples/$f.seq" --limit 6400
done
# Plain SGD, where clipping matters; --watch-grads logs the gradient flow and warns live.
for f in charrnn-sgd charrnn-sgd-clip; do
  run "$f" "examples/$f.seq" --limit 6400 --watch-grads 25
done
