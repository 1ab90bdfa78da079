#!/bin/sh
# The NNE gather's term loop with AVX512-VNNI (issue 16, lever 1), on .NET 11:
#   sh benchmarks/reference/vnni512/run.sh [TERMS-PER-SAMPLE]
# AvxVnni.V512 (vpdpwssd, vpdpbusd on 512-bit vectors) exists from .NET 11 (dotnet/runtime#128365); this machine has
# the .NET 10 SDK only. So the program is compiled against the .NET 11.0.0 runtime pack's assemblies (NuGet serves the
# pack) and run on a .NET 11 shared framework assembled here from that pack under a temporary directory, with the
# .NET 10 muxer and host. Nothing of the installed SDK is changed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$here/vnni512.csproj" -c Release -o "$work/app" --nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
pack="$packages/microsoft.netcore.app.runtime.linux-x64/11.0.0/runtimes/linux-x64"
[ -d "$pack" ] || { echo "run.sh: the .NET 11.0.0 runtime pack is not in $packages (the build restores it)" >&2; exit 1; }
dotnet_dir=$(dirname "$(readlink -f "$(command -v dotnet)")")
root="$work/dotnet11"
fx="$root/shared/Microsoft.NETCore.App/11.0.0"
mkdir -p "$fx" "$root/host"
cp "$dotnet_dir/dotnet" "$root/"
cp -r "$dotnet_dir/host/fxr" "$root/host/"
cp "$pack"/lib/net11.0/*.dll "$pack"/native/* "$fx/"
# The host accepts a framework only with its .deps.json: list every assembly and native library of the pack.
{
  printf '{"runtimeTarget":{"name":".NETCoreApp,Version=v11.0/linux-x64"},"targets":{".NETCoreApp,Version=v11.0/linux-x64":{"Microsoft.NETCore.App.Runtime.linux-x64/11.0.0":{"runtime":{'
  sep=''; for f in "$fx"/*.dll; do printf '%s"%s":{}' "$sep" "$(basename "$f")"; sep=','; done
  printf '},"native":{'
  sep=''; for f in "$fx"/*.so; do printf '%s"%s":{}' "$sep" "$(basename "$f")"; sep=','; done
  printf '}}}},"libraries":{"Microsoft.NETCore.App.Runtime.linux-x64/11.0.0":{"type":"package","serviceable":false,"sha512":""}}}\n'
} >"$fx/Microsoft.NETCore.App.deps.json"
printf '{"runtimeOptions":{"tfm":"net11.0","framework":{"name":"Microsoft.NETCore.App","version":"11.0.0"}}}\n' >"$work/app/vnni512.runtimeconfig.json"
rm -f "$work/app/vnni512.deps.json"
DOTNET_ROOT="$root" "$root/dotnet" "$work/app/vnni512.dll" "$@"
