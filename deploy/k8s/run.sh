#!/usr/bin/env bash
# Runs the Indexed Job, waits for every index to complete, then runs the merge Job and waits for it.
#   deploy/k8s/run.sh [TIMEOUT]      (default 2h; kubectl's current context and namespace)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
timeout="${1:-2h}"
kubectl apply -f "$here/pvc.yaml"
kubectl delete job symbiosis-shards symbiosis-merge --ignore-not-found
kubectl apply -f "$here/job.yaml"
# A Job that exhausts an index's retries becomes Failed, never Complete: stop waiting then.
kubectl wait --for=condition=complete job/symbiosis-shards --timeout="$timeout" &
ok=$!
kubectl wait --for=condition=failed job/symbiosis-shards --timeout="$timeout" && { kill "$ok" 2>/dev/null || true; echo "error: a shard failed; see kubectl logs job/symbiosis-shards" >&2; exit 1; } &
bad=$!
wait "$ok"
kill "$bad" 2>/dev/null || true
kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete job/symbiosis-merge --timeout="$timeout"
kubectl logs job/symbiosis-merge
