#!/usr/bin/env bash
# Submits a sharded symbiosis run to Slurm: an N-task job array, then the merge, which waits for the array (afterok).
#   deploy/slurm/submit.sh [--wait] N OUT COMMAND ARGS...
#   deploy/slurm/submit.sh 100 /shared/runs/mc montecarlo scenarios/varmland-dalarna --samples 10000
# SYMBIOSIS names the CLI (default: symbiosis on PATH; e.g. SYMBIOSIS="dotnet /opt/symbiosis/symbiosis.dll").
# Extra sbatch options (partition, account, time, CPUs per task) go in SBATCH_ARRAY_OPTIONS and SBATCH_MERGE_OPTIONS.
# Prints the two job ids; with --wait it returns when the merge has finished, with its exit status.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
wait=()
if [ "${1:-}" = "--wait" ]; then
  wait=(--wait)
  shift
fi
if [ $# -lt 3 ]; then
  echo "usage: $0 [--wait] N OUT COMMAND ARGS...  (e.g. $0 4 runs/mc montecarlo scenarios/varmland-dalarna --samples 400)" >&2
  exit 2
fi
n="$1"
out="$2"
shift 2
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
  echo "error: N '$n' is not a whole number of shards (1 or more)" >&2
  exit 2
fi
mkdir -p "$out/logs"
# shellcheck disable=SC2086
array=$(sbatch --parsable --array="0-$((n - 1))" --output="$out/logs/shard-%A_%a.out" ${SBATCH_ARRAY_OPTIONS:-} "$here/array.sbatch" "$out" "$@")
array="${array%%;*}"
echo "array job $array: $n shards of: $*"
# shellcheck disable=SC2086
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes --output="$out/logs/merge-%j.out" "${wait[@]}" ${SBATCH_MERGE_OPTIONS:-} "$here/merge.sbatch" "$out")
echo "merge job ${merge%%;*}: writes $out/result"
