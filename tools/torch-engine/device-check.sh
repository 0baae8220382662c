#!/usr/bin/env bash
# The torch engine on a machine with a GPU and PyTorch but no Node: drives job folders made
# here (SEQLAB_TORCH_KEEP_JOB=1 seqlab train EX --engine torch --stop-at-step 1, the job's
# torch/ folder copied to .devjobs/EX) on cuda, then one epoch of brown-pos on the cpu for
# comparison. Results land in $OUT (or ./device-out). Used for docs/results.md.
set -uo pipefail
out=${OUT:-device-out}
mkdir -p "$out"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv | tee "$out/gpu.txt"
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.cuda.is_available())' | tee -a "$out/gpu.txt"
command -v node || echo "no node on this machine" | tee -a "$out/gpu.txt"
run() { # job epochs device metrics
  echo "== $1 on $3, $2 epochs"
  timeout 240 python3 tools/torch-engine/drive.py ".devjobs/$1" --epochs "$2" --device "$3" --metrics "$4" \
    2> >(tail -n 20 > "$out/$1-$3.err") | tee "$out/$1-$3.jsonl"
}
run names 10 cuda accuracy
run brown-pos 3 cuda token_accuracy
run g2p 3 cuda token_accuracy
run brown-pos 1 cpu token_accuracy
