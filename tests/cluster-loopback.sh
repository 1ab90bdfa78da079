#!/usr/bin/env bash
# Issue 18's multi-process check on one machine, over loopback: a coordinator and two worker processes
# (one thread each) against one local process with two threads, on the same experiment and steps.
# Prints both rates, their ratio and whether allele-frequencies.csv is identical.
#
#   tests/cluster-loopback.sh [EXPERIMENT] [STEPS]      (default: nne-mnist-0to4, 20 generations)
#
# Uses ports 11111-11112 (silos) and 30000-30001 (gateways) on 127.0.0.1. Pause other work first: the
# ratio means something only on an otherwise quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-nne-mnist-0to4}
steps=${2:-20}
dll=experiments/EvoDsl.Experiments/bin/Release/net10.0/EvoDsl.Experiments.dll
dotnet build experiments/EvoDsl.Experiments -c Release -v quiet -nologo > /dev/null
out=$(mktemp -d)
workers=()
cleanup() { for pid in "${workers[@]}"; do kill -TERM "$pid" 2> /dev/null || true; done; wait 2> /dev/null || true; }
trap cleanup EXIT

start_worker() { # LOG ARGS...: starts a worker and waits for its "worker:" line
    local log=$1; shift
    dotnet "$dll" worker --threads 1 "$@" > "$log" 2>&1 &
    workers+=($!)
    for _ in $(seq 1 120); do
        grep -q "^worker:" "$log" && return 0
        kill -0 "${workers[-1]}" 2> /dev/null || { cat "$log"; echo "a worker exited at start"; exit 1; }
        sleep 0.5
    done
    cat "$log"; echo "a worker did not start within a minute"; exit 1
}
start_worker "$out/worker-1.log" --cluster primary --silo-port 11111 --gateway-port 30000
start_worker "$out/worker-2.log" --cluster localhost:11111 --silo-port 11112 --gateway-port 30001

run() { # OUT STEPS ARGS...
    local dir=$1 count=$2; shift 2
    dotnet "$dll" run "$name" --steps "$count" --evaluate-every "$count" --out "$dir" "$@" > "$dir.log" 2>&1 || { cat "$dir.log"; exit 1; }
}
# One step first, so the workers have built the experiment's network before the measured run.
run "$out/warm-up" 1 --threads 1 --cluster localhost:30000
run "$out/cluster" "$steps" --threads 1 --cluster localhost:30000
run "$out/local" "$steps" --threads 2

rate() { sed -n 's/.*"genotype_samples_per_second": \([0-9.]*\).*/\1/p' "$1/summary.json"; }
cluster_rate=$(rate "$out/cluster")
local_rate=$(rate "$out/local")
echo "machine: $(sed -n 's/.*"machine": "\(.*\)".*/\1/p' "$out/local/summary.json")"
echo "$name, $steps generations"
echo "cluster (coordinator + 2 workers, 1 thread each): $cluster_rate genotype-samples/s"
echo "local (one process, 2 threads):                   $local_rate genotype-samples/s"
awk -v c="$cluster_rate" -v l="$local_rate" 'BEGIN { printf "ratio cluster/local: %.3f\n", c / l }'
if cmp -s "$out/cluster/allele-frequencies.csv" "$out/local/allele-frequencies.csv"; then
    echo "allele-frequencies.csv: identical"
else
    echo "allele-frequencies.csv: DIFFERENT"; exit 1
fi
