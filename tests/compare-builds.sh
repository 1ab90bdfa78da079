#!/bin/bash
# Short real-MNIST runs of every built-in system with one build, to compare two builds' metrics.csv
# (a refactoring must leave them bit-identical; the seconds column differs). Usage:
#   git worktree add /tmp/before <commit> && (cd /tmp/before && dotnet build EvoDsl.sln -c Release)
#   tests/compare-builds.sh /tmp/before /tmp/runs-before && tests/compare-builds.sh . /tmp/runs-after
#   for f in /tmp/runs-before/*/metrics.csv; do n=$(basename $(dirname $f)); diff <(cut -d, -f1-$(($(head -1 $f | tr , '\n' | wc -l)-1)) $f) \
#     <(cut -d, -f1-$(($(head -1 $f | tr , '\n' | wc -l)-1)) /tmp/runs-after/$n/metrics.csv) > /dev/null && echo "$n identical" || echo "$n DIFFERS"; done
set -u
dll=$1/experiments/EvoDsl.Experiments/bin/Release/net10.0/EvoDsl.Experiments.dll
out=$2
rm -rf "$out"; mkdir -p "$out"
run() { name=$1; shift; dotnet "$dll" run "$name" --out "$out/$name" "$@" > "$out/$name.log" 2>&1 || echo "FAILED $name (see $out/$name.log)"; }
run nne-mnist-0to4-quick --steps 100 --evaluate-every 25
run nne-mnist-0to4 --steps 10 --evaluate-every 5
run nne-signsgd-mnist-0to4 --steps 3 --evaluate-every 1   # starts from the nne-mnist-0to4 run beside it
run sgd-mnist-0to4 --steps 3 --evaluate-every 1
run dnn-h1000 --steps 2 --evaluate-every 1
run signsgd-h1000 --steps 2 --evaluate-every 1
run sgd-h1000 --steps 2 --evaluate-every 1
run neurashed-information-bottleneck
run neurashed-theorem1 --steps 500
run wann-mnist-quick --steps 40 --evaluate-every 20
