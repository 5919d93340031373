#!/usr/bin/env bash
# Side by side in one run: the same exchange MILP, exported as free MPS by `symbiosis export`, solved by our
# `symbiosis run` and by the command lines of CBC (Debian coinor-cbc) and GLPK (Debian glpk-utils) at the same time
# limits, one thread each for the peers. Prints gap against time for ours and theirs in one Markdown table.
#
#   bash benchmarks/peers.sh [SCENARIO_PATH | --generate N] [--limits "10 30 60"] [--gap G]
#
# Defaults: a generated 1 000-actor region (generate --actors N --seed 1), limits 10, 30 and 60 s, relative gap 0.005
# for all three. Ours is timed end to end (a separate dotnet process: start-up, parse, validate, network,
# counterfactual LP, the MILP, results.json; --why-not off) and by its solve stage (results.json metadata); the peers
# by their MILP alone. Each gap is the solver's own: (plan - its bound) / |plan|. The machine may be shared: the
# three run one after another in the same minutes, so compare them row by row, not with figures from another day.
set -euo pipefail
cd "$(dirname "$0")/.."

target=""
gen="1000"
limits="10 30 60"
gap="0.005"
while [ $# -gt 0 ]; do
  case "$1" in
    --generate) gen="$2"; shift 2 ;;
    --limits) limits="$2"; shift 2 ;;
    --gap) gap="$2"; shift 2 ;;
    *) target="$1"; gen=""; shift ;;
  esac
done

need=()
command -v cbc >/dev/null 2>&1 || need+=(coinor-cbc)
command -v glpsol >/dev/null 2>&1 || need+=(glpk-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian's ${need[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq "${need[@]}" >/dev/null; else sudo apt-get install -y -qq "${need[@]}" >/dev/null; fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build src/SymbiosisOptimizer.Cli -c Release -v q >/dev/null
cli=(dotnet src/SymbiosisOptimizer.Cli/bin/Release/net10.0/symbiosis.dll)

if [ -n "$gen" ]; then
  "${cli[@]}" generate --actors "$gen" --seed 1 --out "$work/gen" >/dev/null
  target="$work/gen"
fi

"${cli[@]}" export --mps "$target" --out "$work/model.mps" >/dev/null
if [ -n "$gen" ]; then instance="generated $gen actors (seed 1)"; else instance="$target"; fi
echo "instance: $instance; gap target $gap; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| time limit | ours: gap (solve s / end to end s) | CBC: gap (s) | GLPK: gap (s) |"
echo "|---|---|---|---|"

for lim in $limits; do
  # Ours.
  t0=$(date +%s.%N)
  "${cli[@]}" run "$target" --time-limit "$lim" --gap "$gap" --why-not off --out "$work/ours-$lim" > "$work/ours-$lim.txt" 2> "$work/ours-$lim.err" || true
  t1=$(date +%s.%N)
  ours=$(python3 - "$work/ours-$lim/results.json" "$(echo "$t1 - $t0" | bc -l)" <<'EOF'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    print(f"no results ({float(sys.argv[2]):.1f} s)"); sys.exit()
s = d["solver"]; t = {x["stage"]: x["seconds"] for x in d["metadata"]["timings"]}
gap = "no plan" if s.get("gap") is None else f"{100 * s['gap']:.3f} %"
print(f"{gap} ({t.get('solve', float('nan')):.1f} / {float(sys.argv[2]):.1f})")
EOF
)

  # CBC, one thread.
  t0=$(date +%s.%N)
  cbc "$work/model.mps" -sec "$lim" -threads 1 -ratioGap "$gap" -solve -quit > "$work/cbc-$lim.log" 2>&1 || true
  t1=$(date +%s.%N)
  cbc=$(python3 - "$work/cbc-$lim.log" "$(echo "$t1 - $t0" | bc -l)" <<'EOF'
import re, sys
log = open(sys.argv[1]).read(); secs = float(sys.argv[2])
num = r"([-+]?[0-9][0-9.eE+-]*)"
obj = re.search(r"^Objective value:\s+" + num, log, re.M)
low = re.search(r"^Lower bound:\s+" + num, log, re.M)
if re.search(r"No feasible solution|infeasible", log, re.I) and not obj:
    print(f"no plan ({secs:.1f})")
elif obj and low:
    o, b = float(obj.group(1)), float(low.group(1)); print(f"{100 * abs(o - b) / max(1e-9, abs(o)):.3f} % ({secs:.1f})")
elif obj and re.search(r"Optimal solution found", log):
    print(f"0 % ({secs:.1f})")
else:
    print(f"no plan ({secs:.1f})")
EOF
)

  # GLPK.
  t0=$(date +%s.%N)
  glpsol --freemps "$work/model.mps" --min --mipgap "$gap" --tmlim "$lim" -o "$work/glpk-$lim.txt" > "$work/glpk-$lim.log" 2>&1 || true
  t1=$(date +%s.%N)
  glpk=$(python3 - "$work/glpk-$lim.log" "$(echo "$t1 - $t0" | bc -l)" <<'EOF'
import re, sys
log = open(sys.argv[1]).read(); secs = float(sys.argv[2])
# Branch-and-cut progress lines: "+   123: mip =   1.2e+08 >=   1.1e+08   8.3% (12; 0)" or "mip = not found yet >= ...".
lines = re.findall(r"mip =\s+(\S+(?: found yet)?)\s+>=\s+(\S+)\s+(\S+)", log)
if not lines or "not" in lines[-1][0]:
    print(f"no plan ({secs:.1f})")
else:
    o, b = float(lines[-1][0]), float(lines[-1][1]); print(f"{100 * abs(o - b) / max(1e-9, abs(o)):.3f} % ({secs:.1f})")
EOF
)
  echo "| $lim s | $ours | $cbc | $glpk |"
done
