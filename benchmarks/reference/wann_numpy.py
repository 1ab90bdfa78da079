#!/usr/bin/python3
"""NumPy reference for one WANN generation's evaluation at the paper's MNIST scale.

The question it answers: how many network-samples per second does the WANN reference implementation's
own evaluation (WANNRelease, google/brain-tokyo-workshop: wann_src/ind.py act(), task.py getDistFitness())
reach on this machine? It is the baseline EvoDsl's WannEvolution is compared with (docs/performance.md,
docs/wann.md). It is the reference's code path, not a tuned rewrite.

What one generation's evaluation does (defaults are mnist256.json's):
  * N = 960 networks, each with 1 bias + 256 inputs + 10 outputs and H hidden nodes, every enabled
    connection carrying the shared weight; the networks here are random feed-forward graphs with the
    sizes given (--hidden, --connections), hidden activations drawn from the MNIST set.
  * Each network is run at the six shared weights [-2, -1, -0.5, 0.5, 1, 2] on one batch of B = 1000
    images of 256 pixels: as the reference's act(), node by node in topological order,
        nodeAct[:, i] = f_i(nodeAct @ wMat[:, i])
    over the whole batch, wMat dense (nodes x nodes) with w on the enabled connections; then a softmax and
    the mean cross-entropy (the reference's fitness is its negative).
Printed: seconds per generation and network-samples/s = N * 6 * B / seconds, with NumPy's BLAS.

Run: /usr/bin/python3 benchmarks/reference/wann_numpy.py --hidden 12 --connections 180
(match --hidden and --connections to the mean of EvoDsl's population at the generation benchmarked).
"""
import argparse
import time

import numpy as np

ACTIVATIONS = {
    1: lambda x: x,
    3: lambda x: np.sin(np.pi * x),
    4: lambda x: np.exp(-np.multiply(x, x) / 2.0),
    5: np.tanh,
    6: lambda x: (np.tanh(x / 2.0) + 1.0) / 2.0,
    7: lambda x: -x,
    8: np.abs,
    9: lambda x: np.maximum(0, x),
    10: lambda x: np.cos(np.pi * x),
}
WEIGHTS = [-2.0, -1.0, -0.5, 0.5, 1.0, 2.0]


def random_network(rng, inputs, outputs, hidden, connections):
    """A feed-forward graph in the reference's node order [bias, inputs, hidden..., outputs]: a 0/1 matrix and activations."""
    nodes = 1 + inputs + hidden + outputs
    mask = np.zeros((nodes, nodes))
    first_hidden, first_output = 1 + inputs, 1 + inputs + hidden
    # Each hidden node gets one source below it and one destination above it, so every one lies on a path.
    for h in range(first_hidden, first_output):
        mask[rng.integers(0, h), h] = 1
        mask[h, rng.integers(h + 1, nodes)] = 1
    while mask.sum() < connections:
        source = rng.integers(0, first_output)
        destination = rng.integers(max(source + 1, first_hidden), nodes)
        mask[source, destination] = 1
    activations = np.ones(nodes, dtype=int)
    activations[first_hidden:first_output] = rng.choice(list(ACTIVATIONS), size=hidden)
    return mask, activations


def act(w_mat, a_vec, n_input, n_output, x):
    """wann_src/ind.py act() for one network and a batch, as the reference writes it."""
    n_samples, n_nodes = x.shape[0], w_mat.shape[0]
    node_act = np.zeros((n_samples, n_nodes))
    node_act[:, 0] = 1
    node_act[:, 1:n_input + 1] = x
    for i in range(n_input + 1, n_nodes):
        raw = np.dot(node_act, w_mat[:, i]).squeeze()
        node_act[:, i] = ACTIVATIONS[int(a_vec[i])](raw)
    return node_act[:, -n_output:]


def fitness(outputs, labels):
    e = np.exp(outputs - outputs.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return np.log(p[np.arange(len(labels)), labels]).mean()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--population", type=int, default=960)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--hidden", type=int, default=12)
    parser.add_argument("--connections", type=int, default=180)
    parser.add_argument("--generations", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    inputs, outputs = 256, 10
    x = rng.random((args.batch, inputs))
    labels = rng.integers(0, outputs, size=args.batch)
    population = [random_network(rng, inputs, outputs, args.hidden, args.connections) for _ in range(args.population)]
    print(f"numpy {np.__version__}; {args.population} networks of {1 + inputs + args.hidden + outputs} nodes, "
          f"{args.connections} connections, batch {args.batch}, 6 shared weights")
    for generation in range(args.generations):
        start = time.perf_counter()
        total = 0.0
        for mask, activations in population:
            for w in WEIGHTS:
                total += fitness(act(mask * w, activations, inputs, outputs, x), labels)
        seconds = time.perf_counter() - start
        rate = args.population * len(WEIGHTS) * args.batch / seconds
        print(f"generation {generation + 1}: {seconds:.2f} s, {rate / 1e6:.3f}M network-samples/s (mean fitness {total / args.population / 6:.3f})")


if __name__ == "__main__":
    main()
