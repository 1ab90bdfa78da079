#!/usr/bin/env bash
# GP's generation against the NumPy reference on the same programs and images, in one run (docs/gp.md):
# BenchmarkDotNet's GpBenchmarks (1 and 2 threads; its setup leaves the programs for the reference), then
# benchmarks/reference/gp_numpy.py, then the ratios. Needs python3-numpy (apt-get install python3-numpy).
# OPENBLAS_CORETYPE does not matter here (the reference is elementwise, no BLAS), but is set as for the others.
set -euo pipefail
cd "$(dirname "$0")/.."
export EVODSL_GP_REFERENCE="${EVODSL_GP_REFERENCE:-$(mktemp -d)}"
dotnet run -c Release --project benchmarks/EvoDsl.Benchmarks -- --filter '*GpBenchmarks*' --join
reference=$(OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-SkylakeX}" /usr/bin/python3 benchmarks/reference/gp_numpy.py)
echo "$reference"
python3 - "$reference" <<'PY'
import glob, json, os, sys
rate = float([l for l in sys.argv[1].splitlines() if l.startswith("program-samples/s")][0].split(":")[1])
report = max(glob.glob("BenchmarkDotNet.Artifacts/results/*-report-full*.json"), key=os.path.getmtime)
for b in json.load(open(report))["Benchmarks"]:
    if "GpBenchmarks" in b["FullName"]:
        threads = b["Parameters"]
        evodsl = 1000 * 1000 / (b["Statistics"]["Mean"] / 1e9)
        print(f"GpBenchmarks {threads}: {b['Statistics']['Mean'] / 1e6:.1f} ms a generation, {evodsl / 1e6:.2f}M program-samples/s, "
              f"{evodsl / rate:.1f}x the NumPy reference ({rate / 1e6:.3f}M/s)")
PY
