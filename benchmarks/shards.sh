#!/usr/bin/env bash
# Wall-clock of one montecarlo run cut into 1, 2 and 4 shard processes on this machine, then merged; the rounds
# alternate 1, 2, 4, 1, 2, 4, ... so a change in the machine's load hits every count alike.
#   benchmarks/shards.sh            (SAMPLES=100 ROUNDS=2 CPUS_PER_SHARD=1 by default)
# CPUS_PER_SHARD sets DOTNET_PROCESSOR_COUNT of each shard, as array.sbatch does with --cpus-per-task.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=(dotnet src/SymbiosisOptimizer.Cli/bin/Release/net10.0/symbiosis.dll)
samples="${SAMPLES:-100}"
rounds="${ROUNDS:-2}"
cpus="${CPUS_PER_SHARD:-1}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
now() { date +%s.%N; }
for r in $(seq "$rounds"); do
  for n in 1 2 4; do
    start=$(now)
    pids=()
    for k in $(seq 0 $((n - 1))); do
      DOTNET_PROCESSOR_COUNT="$cpus" "${cli[@]}" montecarlo scenarios/varmland-dalarna --samples "$samples" --seed 1 \
        --shard "$k/$n" --out "$out/$r-$n/$k" >/dev/null 2>&1 &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p"; done
    mid=$(now)
    "${cli[@]}" merge "$out/$r-$n" --out "$out/$r-$n-result" >/dev/null 2>&1
    end=$(now)
    printf 'round %s, %s shard(s) x %s CPU: shards %.1f s, merge %.1f s, total %.1f s (load average %s)\n' \
      "$r" "$n" "$cpus" "$(echo "$mid - $start" | bc)" "$(echo "$end - $mid" | bc)" "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
