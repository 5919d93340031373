#!/usr/bin/env bash
# Installs the `symbiosis` command so the README's commands run without `dotnet run` (which checks the build on every
# call and costs several seconds more each time).
#
#   scripts/install.sh            # .NET tool: dotnet pack into ./nupkg, then a global tool install from that folder
#                                 # (no registry needed for the tool itself); `symbiosis` lands in ~/.dotnet/tools
#   scripts/install.sh --publish  # ReadyToRun binary: dotnet publish into ./dist/symbiosis, linked from ~/.local/bin
#   PREFIX=/opt/bin scripts/install.sh --publish   # link somewhere else
#
# Both need the .NET 10 SDK to build and the .NET 10 runtime (with ASP.NET Core) to run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode="${1:-tool}"

case "$mode" in
  tool|--tool)
    rm -f nupkg/SymbiosisOptimizer.Cli.*.nupkg
    dotnet pack src/SymbiosisOptimizer.Cli -c Release --nologo
    # A fresh install each time: update would keep an older build of the same version.
    dotnet tool uninstall --global SymbiosisOptimizer.Cli >/dev/null 2>&1 || true
    dotnet tool install --global --add-source "$root/nupkg" SymbiosisOptimizer.Cli
    tools="${DOTNET_CLI_HOME:-$HOME}/.dotnet/tools"
    echo
    echo "Installed: $tools/symbiosis"
    case ":$PATH:" in
      *":$tools:"*) ;;
      *) echo "Add it to your PATH:  export PATH=\"\$PATH:$tools\"" ;;
    esac
    echo "Try:        symbiosis validate scenarios/varmland-dalarna"
    echo "Remove:     dotnet tool uninstall --global SymbiosisOptimizer.Cli"
    ;;
  --publish|publish)
    rid="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)"
    rid="${rid:-linux-x64}"
    out="$root/dist/symbiosis"
    rm -rf "$out"
    # Framework-dependent (uses the installed .NET runtime) and precompiled (ReadyToRun) for this machine's RID, so
    # start-up does not wait for the JIT.
    dotnet publish src/SymbiosisOptimizer.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$out" --nologo
    prefix="${PREFIX:-$HOME/.local/bin}"
    mkdir -p "$prefix"
    ln -sf "$out/symbiosis" "$prefix/symbiosis"
    echo
    echo "Installed: $prefix/symbiosis -> $out/symbiosis"
    case ":$PATH:" in
      *":$prefix:"*) ;;
      *) echo "Add it to your PATH:  export PATH=\"\$PATH:$prefix\"" ;;
    esac
    echo "Try:        symbiosis validate scenarios/varmland-dalarna"
    ;;
  *)
    echo "usage: scripts/install.sh [--tool | --publish]" >&2
    exit 2
    ;;
esac
