"""How many of an NNE gather's terms a reduced-precision dot product would cost (issue 16, lever 1).

A dot-product instruction (vpdpwssd, vpdpbusd, vdpbf16ps) sums adjacent pairs or quads within one 32-bit
lane. In the gather the lanes are genotypes, so a pair or quad has to be adjacent links of a hidden unit,
fixed in advance (a unit's links ordered by pixel, as NneNetwork.UnitStart orders them), and it costs
an instruction whenever any of its pixels is nonzero. This counts, per (sample, unit), the terms (links
with a nonzero pixel), the pairs and the quads with at least one, on MNIST training images and a random
graph of the paper's density.

    /usr/bin/python3 benchmarks/reference/nne_pairs.py [--images 2000] [--hidden 1000] [--edge 0.1]
"""
import argparse
import os

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--images", type=int, default=2000)
parser.add_argument("--hidden", type=int, default=1000)
parser.add_argument("--edge", type=float, default=0.1)
parser.add_argument("--mnist", default=os.environ.get("EVODSL_MNIST_DIR", os.path.expanduser("~/.cache/evodsl/mnist")))
args = parser.parse_args()
if args.images < 1 or args.hidden < 1 or not 0 < args.edge <= 1:
    parser.error("--images and --hidden must be at least 1, --edge a probability in (0, 1]")

path = os.path.join(args.mnist, "train-images-idx3-ubyte")
if not os.path.exists(path):
    raise SystemExit(f"{path} is missing: run an MNIST experiment once to fill the cache, or set EVODSL_MNIST_DIR")
with open(path, "rb") as f:
    raw = f.read()
images = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784)[: args.images]
active = images > 0
graph = np.random.default_rng(1).random((args.hidden, 784)) < args.edge

terms = pairs = quads = 0
for unit in range(args.hidden):
    links = active[:, np.nonzero(graph[unit])[0]]  # samples × the unit's links, by pixel
    n = links.shape[1]
    terms += links.sum()
    pairs += np.pad(links, ((0, 0), (0, -n % 2))).reshape(len(links), -1, 2).any(2).sum()
    quads += np.pad(links, ((0, 0), (0, -n % 4))).reshape(len(links), -1, 4).any(2).sum()

count = len(images) * args.hidden
print(f"{path}: {len(images)} images, {args.hidden} hidden units, edge probability {args.edge}")
print(f"per (sample, unit): {terms / count:.2f} terms, {pairs / count:.2f} pairs and {quads / count:.2f} quads with a nonzero pixel")
