#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine (Debian's slurm-wlm and munge, as root), for tests and trials:
#   deploy/slurm/local-cluster.sh start DIR   # writes DIR/slurm.conf, starts munged (if not running), slurmctld, slurmd
#   export SLURM_CONF=DIR/slurm.conf          # then sbatch, squeue, sinfo talk to it
#   deploy/slurm/local-cluster.sh stop DIR    # stops what start started, by the PIDs in its pid files
# No cgroup plugins (containers and CI machines seldom delegate cgroups); state and logs stay in DIR.
set -euo pipefail
cmd="${1:-}"
dir="${2:-}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
conf="$dir/slurm.conf"
stop_pid() {
  if [ -f "$1" ]; then
    pid="$(cat "$1")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$1"
  fi
}
case "$cmd" in
start)
  if [ "$(id -u)" != 0 ]; then
    echo "error: the local cluster runs its daemons as root; run as root (CI does)" >&2
    exit 1
  fi
  for tool in slurmctld slurmd munged sbatch; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || { echo "error: $tool is missing; scripts/setup.sh installs slurm-wlm and munge" >&2; exit 1; }
  done
  host="$(hostname -s)"
  mkdir -p "$dir/state" "$dir/spool" "$dir/log"
  cat > "$conf" <<CONF
ClusterName=local
SlurmctldHost=$host
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
ReturnToService=2
MpiDefault=none
MailProg=/bin/true
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  # munge: reuse a running munged, else start one (and remember to stop it).
  if ! (munge -n | unmunge) >/dev/null 2>&1; then
    if [ ! -f /etc/munge/munge.key ]; then
      mungekey --create --keyfile /etc/munge/munge.key
      chown munge:munge /etc/munge/munge.key
      chmod 0400 /etc/munge/munge.key
    fi
    mkdir -p /run/munge /var/log/munge /var/lib/munge
    chown munge:munge /run/munge /var/log/munge /var/lib/munge
    su -s /bin/sh munge -c /usr/sbin/munged
    for _ in $(seq 50); do (munge -n | unmunge) >/dev/null 2>&1 && break; sleep 0.1; done
    # Ours to stop: its pid file (written by munged as user munge in /run/munge) copied beside the others.
    cp /run/munge/munged.pid "$dir/munged.pid"
  fi
  (munge -n | unmunge) >/dev/null 2>&1 || { echo "error: munge does not work (munge -n | unmunge)" >&2; exit 1; }
  SLURM_CONF="$conf" /usr/sbin/slurmctld
  SLURM_CONF="$conf" /usr/sbin/slurmd
  for _ in $(seq 300); do
    state="$(SLURM_CONF="$conf" sinfo -h -N -o %T 2>/dev/null || true)"
    if [ "$state" = idle ]; then
      echo "local Slurm cluster up: node $host idle; export SLURM_CONF=$conf"
      exit 0
    fi
    sleep 0.1
  done
  echo "error: the node did not come up idle within 30 s (state '${state:-none}'); see $dir/log" >&2
  exit 1
  ;;
stop)
  stop_pid "$dir/slurmd.pid"
  stop_pid "$dir/slurmctld.pid"
  stop_pid "$dir/munged.pid"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
