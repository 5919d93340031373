#!/usr/bin/env bash
# Installs what a new machine needs beyond the .NET SDK. NuGet packages come with `dotnet restore`.
# (Browser tests of the HTML report will add Debian's chromium here.)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK is required (see global.json for the version)." >&2
  exit 1
fi
dotnet restore SymbiosisOptimizer.sln
