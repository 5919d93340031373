#!/usr/bin/env bash
# Side by side with a peer solver: export the same exchange MILP as MPS, solve it with GLPK's glpsol (Debian package
# glpk-utils, installed if missing), and print the ratio of our end-to-end time (`symbiosis run`: parse, validate,
# network, counterfactual LP, MILP, results.json) to glpsol's time on the exported MILP.
#
#   bash benchmarks/glpsol.sh [SCENARIO_PATH | --generate N] [--gap G] [--time-limit S]
#
# Defaults: the bundled Kalundborg scenario, relative gap 0.005 for both, time limit 120 s for both.
set -euo pipefail
cd "$(dirname "$0")/.."

target="scenarios/kalundborg"
gap="0.005"
tlim="120"
while [ $# -gt 0 ]; do
  case "$1" in
    --generate) gen="$2"; shift 2 ;;
    --gap) gap="$2"; shift 2 ;;
    --time-limit) tlim="$2"; shift 2 ;;
    *) target="$1"; shift ;;
  esac
done

if ! command -v glpsol >/dev/null 2>&1; then
  echo "glpsol not found: installing Debian's glpk-utils" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq glpk-utils >/dev/null; else sudo apt-get install -y -qq glpk-utils >/dev/null; fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build src/SymbiosisOptimizer.Cli -c Release -v q >/dev/null
cli=(dotnet src/SymbiosisOptimizer.Cli/bin/Release/net10.0/symbiosis.dll)

if [ -n "${gen:-}" ]; then
  "${cli[@]}" generate --actors "$gen" --seed 1 --out "$work/gen" >/dev/null
  target="$work/gen"
fi

"${cli[@]}" export --mps "$target" --out "$work/model.mps"

t0=$(date +%s.%N)
"${cli[@]}" run "$target" --solver scip --gap "$gap" --time-limit "$tlim" --out "$work/out" > "$work/run.txt"
t1=$(date +%s.%N)
ours=$(echo "$t1 - $t0" | bc -l)
grep -m1 '^Status' "$work/run.txt"

t0=$(date +%s.%N)
glpsol --freemps "$work/model.mps" --min --mipgap "$gap" --tmlim "$tlim" -o "$work/glpsol.txt" > "$work/glpsol.log" || true
t1=$(date +%s.%N)
theirs=$(echo "$t1 - $t0" | bc -l)
grep -E '^(Status|Objective)' "$work/glpsol.txt" | sed 's/^/glpsol /' || true

printf 'ours (symbiosis run, end to end incl. .NET start-up): %.3f s\n' "$ours"
printf 'glpsol (MILP only):                                   %.3f s\n' "$theirs"
printf 'ratio ours / glpsol:                                  %.2f\n' "$(echo "$ours / $theirs" | bc -l)"
