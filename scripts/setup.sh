#!/usr/bin/env bash
# Installs what a new machine needs beyond the .NET SDK. NuGet packages come with `dotnet restore`.
# Debian's chromium renders report.html in the browser test; DejaVu fonts draw the chart labels.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK is required (see global.json for the version)." >&2
  exit 1
fi
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi dejavu; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-dejavu-core
  else
    echo "warning: chromium or DejaVu fonts missing; install them as root: apt-get install -y chromium fonts-dejavu-core" >&2
  fi
fi
# Slurm and munge start a single-node cluster for the sharded-run test (tests/.../SlurmArrayTests.cs); CI sets
# SYMBIOSIS_REQUIRE_SLURM=1 so that test must run there.
if ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge
  else
    echo "warning: slurm or munge missing; install them as root: apt-get install -y slurm-wlm munge" >&2
  fi
fi
dotnet restore SymbiosisOptimizer.sln
