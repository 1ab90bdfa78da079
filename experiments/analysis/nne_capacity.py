"""How far can an NNE network of the paper's sizes go at all? (issue 17: why the 0-9 run stops near 72%)

NNE's weights are w = s * W x with a fixed random sparse W and a binary genotype x of n genes, so the
network has only n binary degrees of freedom. This script asks what the best allele frequencies p could
reach, by giving p to gradient descent instead of to evolution: p = sigmoid(theta), weights W p, Adam on
the mean cross-entropy over the same kind of training set S (200 images per digit, drawn at random from
MNIST's training set), full batch. It reports training and test accuracy with W p and with W round(p).

It builds its own random graph and W with EvoDsl's distribution and scale (docs/nne.md: edge probability
0.1, beta = 0.0025, s = gain / sqrt(fanIn * beta * n / 3), gain 8, no biases), not the run's own W: the
question is what networks of this kind can do, and any draw is one. Gradient descent finds a local optimum
of a relaxation, so its accuracy is an estimate of the ceiling, not a bound.

    OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=1 /usr/bin/python3 experiments/analysis/nne_capacity.py --genes 2000 4000 8000

(Debian's numpy runs on whichever BLAS `update-alternatives` gives it: install libopenblas0-pthread, or a step
takes seconds with the reference BLAS; OPENBLAS_CORETYPE as docs/performance.md says: Haswell on AVX2.)
MNIST is read from $EVODSL_MNIST_DIR or ~/.cache/evodsl/mnist (the runner's cache: run any MNIST
experiment once to fill it).
"""
import argparse
import os
import time

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--genes", type=int, nargs="+", default=[2000])
parser.add_argument("--digits", type=int, default=10, help="digits 0..digits-1")
parser.add_argument("--per-class", type=int, default=200)
parser.add_argument("--hidden", type=int, default=1000)
parser.add_argument("--edge", type=float, default=0.1)
parser.add_argument("--density", type=float, default=0.0025)
parser.add_argument("--gain", type=float, default=8.0)
parser.add_argument("--steps", type=int, default=600)
parser.add_argument("--rate", type=float, default=0.05)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--straight-through", action="store_true",
                    help="train the binary network W round(p): forward with round(p), its gradient passed to p as if rounding were the identity")
parser.add_argument("--mnist", default=os.environ.get("EVODSL_MNIST_DIR", os.path.expanduser("~/.cache/evodsl/mnist")))
args = parser.parse_args()
if min(args.genes) < 1 or args.hidden < 1 or args.per_class < 1 or args.steps < 0:
    parser.error("--genes, --hidden and --per-class must be at least 1, --steps at least 0")
if not 2 <= args.digits <= 10:
    parser.error(f"--digits {args.digits}: MNIST has digits 0-9, so it must be 2-10")
if not (0 < args.edge <= 1 and 0 < args.density <= 1):
    parser.error("--edge and --density are probabilities in (0, 1]")


def read_idx(name, offset, shape):
    path = os.path.join(args.mnist, name)
    if not os.path.exists(path):
        raise SystemExit(f"{path} is missing: run an MNIST experiment once to fill the cache, or set EVODSL_MNIST_DIR")
    with open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset).reshape(shape)


train_images = read_idx("train-images-idx3-ubyte", 16, (-1, 784))
train_labels = read_idx("train-labels-idx1-ubyte", 8, (-1,))
test_images = read_idx("t10k-images-idx3-ubyte", 16, (-1, 784))
test_labels = read_idx("t10k-labels-idx1-ubyte", 8, (-1,))

rng = np.random.default_rng(args.seed)
K, H = args.digits, args.hidden
fewest = min(int((train_labels == d).sum()) for d in range(K))
if args.per_class > fewest:
    parser.error(f"--per-class {args.per_class}: MNIST's training set has only {fewest} images of its rarest digit among 0-{K - 1}")
chosen = np.concatenate([rng.choice(np.nonzero(train_labels == d)[0], args.per_class, replace=False) for d in range(K)])
X = train_images[chosen].astype(np.float32) / 255
y = train_labels[chosen].astype(np.int64)
keep = test_labels < K
X_test = test_images[keep].astype(np.float32) / 255
y_test = test_labels[keep].astype(np.int64)

graph = rng.random((784, H)) < args.edge
first = np.flatnonzero(graph)            # first-layer links as positions in the 784 x H matrix
m = len(first) + H * K


def accuracy(w1, w2, images, labels):
    logits = np.maximum(images @ w1, 0) @ w2
    return float((logits.argmax(1) == labels).mean())


for n in args.genes:
    start = time.time()
    # W, m x n: each entry nonzero with probability beta, Uniform[-1, 1]; kept as (link, gene, value) triplets.
    flat = np.unique(rng.integers(0, m * n, rng.binomial(m * n, args.density)))
    nonzero = len(flat)
    link, gene = flat // n, flat % n
    value = rng.uniform(-1, 1, nonzero).astype(np.float32)
    bn = args.density * n
    scale = np.where(link < len(first), args.gain / np.sqrt(784 * args.edge * bn / 3), args.gain / np.sqrt(H * bn / 3)).astype(np.float32)
    value *= scale

    def weights(p):
        w = np.bincount(link, weights=value * p[gene], minlength=m).astype(np.float32)
        w1 = np.zeros(784 * H, np.float32)
        w1[first] = w[: len(first)]
        return w1.reshape(784, H), w[len(first):].reshape(H, K)

    start_p = rng.uniform(0.01, 0.99, n)   # as NNE's p_1 ~ Uniform[0, 1], kept off 0 and 1
    theta = np.log(start_p / (1 - start_p))
    moment, second = np.zeros(n), np.zeros(n)
    print(f"n = {n} genes{' (straight-through: the loss is the binary network W round(p))' if args.straight_through else ''}: m = {m} links, {nonzero} entries of W, {len(X)} training / {len(X_test)} test images")
    for step in range(args.steps + 1):
        p = 1 / (1 + np.exp(-theta))
        rounded = (p > 0.5).astype(np.float32)
        w1, w2 = weights(rounded if args.straight_through else p.astype(np.float32))
        z = X @ w1
        h = np.maximum(z, 0)
        logits = h @ w2
        logits -= logits.max(1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(1, keepdims=True)
        loss = float(-np.log(prob[np.arange(len(y)), y] + 1e-30).mean())
        if step % 100 == 0:
            soft = weights(p.astype(np.float32)) if args.straight_through else (w1, w2)
            hard = (w1, w2) if args.straight_through else weights(rounded)
            print(f"  step {step:4d}  loss {loss:.4f}  W p: train {accuracy(*soft, X, y):.2%} test {accuracy(*soft, X_test, y_test):.2%}"
                  f"  W round(p): train {accuracy(*hard, X, y):.2%} test {accuracy(*hard, X_test, y_test):.2%}"
                  f"  within 0.05 of 0 or 1: {np.mean(np.minimum(p, 1 - p) < 0.05):.1%}  ({time.time() - start:.0f} s)", flush=True)
        if step == args.steps:
            break
        d_logits = prob
        d_logits[np.arange(len(y)), y] -= 1
        d_logits /= len(y)
        d_w2 = h.T @ d_logits
        d_z = (d_logits @ w2.T) * (z > 0)
        d_w1 = (X.T @ d_z).reshape(-1)[first]
        d_w = np.concatenate([d_w1, d_w2.reshape(-1)])
        d_p = np.bincount(gene, weights=value * d_w[link], minlength=n)
        d_theta = d_p * p * (1 - p)
        moment = 0.9 * moment + 0.1 * d_theta
        second = 0.999 * second + 0.001 * d_theta**2
        theta -= args.rate * (moment / (1 - 0.9 ** (step + 1))) / (np.sqrt(second / (1 - 0.999 ** (step + 1))) + 1e-8)
