#!/usr/bin/python3
"""NumPy reference for one GP generation's evaluation: the same programs, on the same images, as EvoDsl's.

The question it answers: how many program-samples per second does an evaluation of GP programs written the way
a researcher writes it with NumPy reach on this machine? It is the baseline EvoDsl's GpEvolution is compared with
(docs/gp.md, docs/performance.md). It evaluates each tree recursively over its prefix tokens, every node one NumPy
operation over the whole batch (as DEAP-style GP vectorised over samples does), then the softmax cross-entropy over
an individual's ten trees, in float32 as EvoDsl.

Input: the folder GpBenchmarks' setup writes (EVODSL_GP_REFERENCE or the temp folder, then evodsl-gp-reference/):
  gp-population.txt  "individual class: tokens" in prefix order (p123 a pixel, 0.5 a constant, add sub mul div max min ifgt)
  gp-batch.bin       int32 pixels, int32 count, float32 rows (pixel-major: pixel p of sample i at p * count + i), int32 labels
  gp-fitness.txt     EvoDsl's fitness (−mean cross-entropy) of each individual, to check this evaluation against
Printed: seconds per generation's evaluation, program-samples/s = individuals * count / seconds, and the largest
difference from EvoDsl's fitness.

Run: benchmarks/gp-reference.sh (BenchmarkDotNet's GpBenchmarks, then this, then the ratio), or
     OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 benchmarks/reference/gp_numpy.py [--folder F] [--repeats 3]
"""
import argparse
import os
import sys
import tempfile
import time

import numpy as np


def load(folder):
    programs = {}
    with open(os.path.join(folder, "gp-population.txt")) as text:
        for line in text:
            head, tokens = line.split(":", 1)
            individual, k = (int(v) for v in head.split())
            programs.setdefault(individual, {})[k] = tokens.split()
    with open(os.path.join(folder, "gp-batch.bin"), "rb") as data:
        pixels, count = np.frombuffer(data.read(8), dtype=np.int32)
        rows = np.frombuffer(data.read(4 * pixels * count), dtype=np.float32).reshape(pixels, count)
        labels = np.frombuffer(data.read(4 * count), dtype=np.int32)
    fitness = np.loadtxt(os.path.join(folder, "gp-fitness.txt"))
    individuals = [[programs[i][k] for k in sorted(programs[i])] for i in sorted(programs)]
    return individuals, rows, labels, fitness


def protected_divide(x, y):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(y == 0, np.float32(1), x / y).astype(np.float32)


BINARY = {
    "add": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": protected_divide,
    "max": np.maximum,
    "min": np.minimum,
}


def evaluate(tokens, at, rows):
    """The value of the subtree at tokens[at] over the batch, and where it ends."""
    token = tokens[at]
    if token[0] == "p":
        return rows[int(token[1:])], at + 1
    if token == "ifgt":
        a, at = evaluate(tokens, at + 1, rows)
        b, at = evaluate(tokens, at, rows)
        c, at = evaluate(tokens, at, rows)
        d, at = evaluate(tokens, at, rows)
        return np.where(a > b, c, d), at
    if token in BINARY:
        x, at = evaluate(tokens, at + 1, rows)
        y, at = evaluate(tokens, at, rows)
        return BINARY[token](x, y), at
    return np.float32(float(token)), at + 1


def fitness_of(trees, rows, labels):
    count = rows.shape[1]
    with np.errstate(over="ignore", invalid="ignore"):
        logits = np.stack([np.broadcast_to(evaluate(tree, 0, rows)[0], (count,)) for tree in trees]).astype(np.float32)
        top = logits.max(axis=0)
        loss = top + np.log(np.exp(logits - top).sum(axis=0)) - logits[labels, np.arange(count)]
        mean = float(loss.astype(np.float64).mean())
    return -mean if np.isfinite(mean) else -np.inf


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", default=os.path.join(os.environ.get("EVODSL_GP_REFERENCE", tempfile.gettempdir()), "evodsl-gp-reference"))
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.folder, "gp-population.txt")):
        sys.exit(f"error: {args.folder} has no gp-population.txt; run benchmarks/gp-reference.sh (or GpBenchmarks) first, or pass --folder")
    sys.setrecursionlimit(10000)
    individuals, rows, labels, expected = load(args.folder)
    count = rows.shape[1]
    nodes = sum(len(tree) for trees in individuals for tree in trees)
    best = float("inf")
    for _ in range(args.repeats):
        start = time.perf_counter()
        computed = np.array([fitness_of(trees, rows, labels) for trees in individuals])
        best = min(best, time.perf_counter() - start)
    finite = np.isfinite(expected) & np.isfinite(computed)
    difference = float(np.abs(computed[finite] - expected[finite]).max()) if finite.any() else float("nan")
    agree = int((np.isfinite(expected) == np.isfinite(computed)).sum())
    print(f"numpy {np.__version__}: {len(individuals)} individuals, {nodes / len(individuals):.1f} nodes each, batch {count}")
    print(f"seconds per generation's evaluation (best of {args.repeats}): {best:.3f}")
    print(f"program-samples/s: {len(individuals) * count / best:.0f}")
    print(f"largest |fitness difference| from EvoDsl's: {difference:.2e}; finite in both or neither: {agree} of {len(individuals)}")


if __name__ == "__main__":
    main()
