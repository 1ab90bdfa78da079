#!/usr/bin/python3
"""PyTorch reference for one NNE (neural net evolution) generation at paper scale.

The question it answers: how many seconds does one generation take on this
machine if a researcher writes it in plain PyTorch (CPU, float32, no_grad)?
It is a baseline to compare EvoDsl against. It is not tuned beyond ordinary
good practice.

What one generation does (the defaults are paper scale):
  * The network is fixed: 784 inputs -> H=1000 ReLU hidden -> K=10 logits, no
    biases. Each input->hidden edge exists with probability 0.1 (a fixed 0/1
    mask). Hidden->output is dense. That gives m = |E1| + H*K links.
  * W is the weight generation matrix, m x n with n=2000 genes. Each entry is
    nonzero with probability beta=0.0025 and has a value from U[-1,1]. It is
    stored as a torch sparse tensor (CSR by default, COO with --sparse coo).
    First-layer rows are scaled by s1 = 8/sqrt(784*0.1*beta*n/3) and
    output-layer rows by s2 = 8/sqrt(H*beta*n/3).
  * Allele frequencies p ~ U[0,1]^n. The population is N=1000 genotypes
    x ~ Bernoulli(p), held as a dense n x N float matrix X.
  * Weights:  Wpop = W @ X (sparse x dense, m x N). Each genotype's weights are
    then scattered into a dense 784 x H matrix (through the edge mask) and an
    H x K matrix.
  * Evaluation, in chunks of G genotypes (--chunk, default 8):
        hidden = relu(bmm(S expanded to G x |S| x 784, W1 (G x 784 x H)))
        logits = bmm(hidden, W2 (G x H x K))
        L      = cross_entropy(logits, labels, reduction='none')
        delta  = mean over samples of max(0, alpha^2 - L^2),  alpha = ln K
    S is 2000 MNIST training images (the first 200 of each digit in file
    order), with pixels scaled to [0,1].
  * Selection: f(i) is the mean delta over genotypes that carry allele i, and
    fbar(i) the mean over genotypes that lack it. If a group is empty, the
    population mean is used. Then
        p' = p (1 + eps f) / (1 + eps fbar + eps p (f - fbar)),  eps = 100.

Timings printed for each generation:
  weights  = W @ X plus the scatter into dense per-genotype matrices
  eval     = bmm + relu + bmm + cross-entropy + delta
  total    = the whole generation (also sampling X and updating p)
  genotype-samples/s = N * |S| / total

MNIST is read from the IDX files in ~/.cache/evodsl/mnist
(train-images-idx3-ubyte, train-labels-idx1-ubyte), or from --mnist-dir.

Prerequisites (Debian 12): Debian's PyTorch, numpy and the pthread OpenBLAS,

    sudo apt-get install python3-torch python3-numpy libopenblas0-pthread

(PyTorch 1.13.1, numpy 1.24.2, OpenBLAS 0.3.21). Run it with Debian's python,
which has them; the pyenv python on PATH does not:

    /usr/bin/python3 benchmarks/reference/nne_pytorch.py --threads 2

With the evaluation's two results written into buffers allocated once (on a VM that maps
fresh memory in 4 KB pages, allocating them per chunk costs more than the arithmetic):

    /usr/bin/python3 benchmarks/reference/nne_pytorch.py --threads 2 --preallocate

Only the BLAS figures (a few seconds, no MNIST needed):

    /usr/bin/python3 benchmarks/reference/nne_pytorch.py --threads 2 --blas-check

Tiny smoke test:

    /usr/bin/python3 benchmarks/reference/nne_pytorch.py --threads 1 \\
        --population 16 --hidden 100 --train-per-class 20 --generations 1

BLAS notes. Debian's torch is built against the generic libblas.so.3; which
library is really loaded is chosen by update-alternatives. If that is the
netlib reference BLAS (/usr/lib/x86_64-linux-gnu/blas/), float32 bmm runs
about 13x slower than with OpenBLAS (2.75 vs 36 GFLOP/s on one core of the
AVX2 machine in docs/performance.md). libopenblas0-pthread registers itself
with a higher priority, so installing it is enough; the script prints the
libraries it has mapped and warns if the reference BLAS is in use.

Debian's OpenBLAS 0.3.21 picks its kernels when it is loaded, from the CPU
it recognises, and it may not recognise a CPU newer than itself: on a 2-core
AVX-512 Xeon it silently used a generic kernel (28 GFLOP/s sgemm against 146
with OPENBLAS_CORETYPE=SkylakeX). The variable also overrides a correct
choice: the AMD EPYC (family 26) in docs/performance.md gets Cooperlake
(AVX-512) kernels on its own, but its environment set Haswell (AVX2), about
half the rate. So unless OPENBLAS_CORETYPE is already set, the script sets
it before it imports torch and numpy, from the flags in /proc/cpuinfo:
avx512f -> SkylakeX, avx2 -> Haswell. Setting os.environ before the import is
enough, no re-exec is needed: OpenBLAS reads the variable when the import
loads it (checked: the core type OpenBLAS reports afterwards is the one set,
and the script warns if it is not). A value already in the environment is
kept, with a warning if its kernels are narrower than the CPU's vectors.
--blas-coretype overrides all this: a core type name (SkylakeX, Cooperlake,
Haswell, Zen, ...) or `openblas` for OpenBLAS's own choice.

Every run first measures the sgemm rate it actually gets (torch.mm of
2000x784 by 784x1000 float32, the best of at least 10 over at least a
second) and prints it with the CPU model, its vector extensions, the core
type in use and how much CPU time other processes and the hypervisor took
meanwhile, so any ratio against this reference can be judged. It warns if
the CPU has AVX-512 and the kernels do not, or if the rate is under 40% of
cores x 'cpu MHz' x lanes x 2 FMA units x 2 (a rough peak: the clock may
boost above 'cpu MHz'). --blas-check prints only that and exits.
"""

import argparse
import ctypes
import math
import os
import resource
import sys
import time
import warnings


def parse_args(argv=None):
    ap = argparse.ArgumentParser(
        description="PyTorch reference timing of one NNE generation "
        "(run with /usr/bin/python3).")
    ap.add_argument("--threads", type=int, default=None,
                    help="torch.set_num_threads (also OpenBLAS/OpenMP threads); "
                         "default: leave torch's default")
    ap.add_argument("--generations", type=int, default=2)
    ap.add_argument("--preallocate", action="store_true",
                    help="write bmm and ReLU into buffers allocated once (bmm(..., out=), relu_) "
                         "instead of a fresh tensor per chunk, as the script is otherwise written")
    ap.add_argument("--chunk", type=int, default=8,
                    help="genotypes per bmm batch (default 8)")
    ap.add_argument("--population", type=int, default=1000, help="N (default 1000)")
    ap.add_argument("--train-per-class", type=int, default=200,
                    help="MNIST training images per digit (default 200 -> |S|=2000)")
    ap.add_argument("--hidden", type=int, default=1000, help="H (default 1000)")
    ap.add_argument("--genes", type=int, default=2000, help="n (default 2000)")
    ap.add_argument("--beta", type=float, default=0.0025,
                    help="density of W (default 0.0025)")
    ap.add_argument("--edge-prob", type=float, default=0.1,
                    help="input->hidden edge probability (default 0.1)")
    ap.add_argument("--eps", type=float, default=100.0,
                    help="selection strength (default 100)")
    ap.add_argument("--sparse", choices=("csr", "coo"), default="csr",
                    help="torch sparse layout of W (default csr)")
    ap.add_argument("--seed", type=int, default=12345)
    ap.add_argument("--mnist-dir", default=os.path.expanduser("~/.cache/evodsl/mnist"))
    ap.add_argument("--blas-check", action="store_true",
                    help="only measure and print the sgemm rate, core type and CPU, then exit")
    ap.add_argument("--blas-coretype", default="auto", metavar="auto|openblas|NAME",
                    help="OpenBLAS kernels: auto (default) keeps OPENBLAS_CORETYPE if set, else "
                         "SkylakeX with avx512f, Haswell with avx2; openblas leaves the choice "
                         "to OpenBLAS; a name (SkylakeX, Cooperlake, Haswell, Zen, ...) forces it")
    a = ap.parse_args(argv)
    for name in ("generations", "chunk", "population", "train_per_class", "hidden", "genes"):
        if getattr(a, name) < 1:
            ap.error(f"--{name.replace('_', '-')} must be >= 1")
    if a.threads is not None and a.threads < 1:
        ap.error("--threads must be >= 1")
    return a


# --------------------------------------------------------------------------
# CPU and OpenBLAS core type, decided before torch (and with it OpenBLAS) loads
# --------------------------------------------------------------------------

def read_cpuinfo():
    """Model name, family/model, flags, logical CPUs and the highest 'cpu MHz' of /proc/cpuinfo."""
    info = dict(model="?", family="?", model_no="?", flags=set(), cpus=0, mhz=None)
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                key, _, val = line.partition(":")
                key, val = key.strip(), val.strip()
                if key == "processor":
                    info["cpus"] += 1
                elif key == "model name" and info["model"] == "?":
                    info["model"] = val
                elif key == "cpu family" and info["family"] == "?":
                    info["family"] = val
                elif key == "model" and info["model_no"] == "?":
                    info["model_no"] = val
                elif key == "flags" and not info["flags"]:
                    info["flags"] = set(val.split())
                elif key == "cpu MHz":
                    try:
                        info["mhz"] = max(info["mhz"] or 0.0, float(val))
                    except ValueError:
                        pass
    except OSError:
        pass
    info["cpus"] = info["cpus"] or os.cpu_count() or 1
    return info


def vector_isa(flags):
    """'AVX-512 (f dq ...)', 'AVX2 + FMA' or the like, from /proc/cpuinfo flags."""
    if "avx512f" in flags:
        ext = sorted(f[6:].lstrip("_") for f in flags if f.startswith("avx512"))
        return "AVX-512 (" + " ".join(ext) + ")"
    if "avx2" in flags:
        return "AVX2" + (" + FMA" if "fma" in flags else "") + ", no AVX-512"
    return "AVX" if "avx" in flags else "no AVX"


def float_lanes(flags):
    return 16 if "avx512f" in flags else 8 if "avx2" in flags or "avx" in flags else 4


def set_coretype(choice, flags):
    """Set OPENBLAS_CORETYPE in this process's environment; return (core type asked for, why).

    OpenBLAS (a DYNAMIC_ARCH build such as Debian's) reads the variable once, when it is
    loaded, which for this script is `import numpy` / `import torch` below. Python's
    os.environ writes through to the C environment, so setting it here is enough (checked
    with openblas_get_corename() after the import; no re-exec is needed).
    """
    user = os.environ.get("OPENBLAS_CORETYPE") or None
    if choice == "openblas":
        os.environ.pop("OPENBLAS_CORETYPE", None)
        return None, "OpenBLAS's own choice: --blas-coretype openblas unset OPENBLAS_CORETYPE"
    if choice != "auto":
        os.environ["OPENBLAS_CORETYPE"] = choice
        return choice, "forced with --blas-coretype"
    if user:
        return user, f"OPENBLAS_CORETYPE={user} was set in the environment"
    flag = "avx512f" if "avx512f" in flags else "avx2" if "avx2" in flags else None
    if flag is None:
        return None, "OpenBLAS's own choice: no avx2 in /proc/cpuinfo"
    core = "SkylakeX" if flag == "avx512f" else "Haswell"
    os.environ["OPENBLAS_CORETYPE"] = core
    return core, f"chosen by this script from /proc/cpuinfo ({flag})"


ARGS = parse_args()
CPU = read_cpuinfo()
CORETYPE, CORETYPE_WHY = set_coretype(ARGS.blas_coretype, CPU["flags"])
if ARGS.threads is not None:
    # These have to be set before torch (and so libgomp / OpenBLAS) is loaded.
    # torch.set_num_threads only sets the OpenMP pool; OpenBLAS-pthread has a
    # pool of its own.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(ARGS.threads)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

warnings.filterwarnings("ignore", message=".*Sparse CSR tensor support is in beta.*")


# --------------------------------------------------------------------------
# Backend report
# --------------------------------------------------------------------------

def mapped_libs(*needles):
    libs = set()
    try:
        with open("/proc/self/maps") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 6 and any(n in parts[-1] for n in needles):
                    libs.add(parts[-1])
    except OSError:
        pass
    return sorted(libs)


def openblas_handle():
    """ctypes handle on the OpenBLAS that torch has already loaded, else None.

    Only libraries that are already mapped are opened, so this never loads an
    OpenBLAS that torch is not using.
    """
    for path in mapped_libs("blas"):
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_num_threads  # noqa: B018  (AttributeError if not OpenBLAS)
            return lib
        except (OSError, AttributeError):
            continue
    return None


def report_backend():
    cfg = torch.__config__.show()
    print(f"torch {torch.__version__}  numpy {np.__version__}  python {sys.version.split()[0]}"
          f"  ({sys.executable})")
    print(f"torch.get_num_threads() = {torch.get_num_threads()}"
          f"  interop = {torch.get_num_interop_threads()}")
    print("torch.__config__.show() (first lines):")
    for line in cfg.strip().splitlines()[:6]:
        print("   " + line.strip()[:160])
    blas_info = next((tok.split("=", 1)[1] for tok in cfg.replace(",", " ").split()
                      if tok.startswith("BLAS_INFO=")), "?")
    libs = mapped_libs("blas", "lapack", "mkl", "dnnl", "gomp", "iomp")
    blas_libs = [p for p in libs if "blas" in p or "mkl" in p]
    ob = openblas_handle()
    print(f"MKL: {torch.backends.mkl.is_available()}  "
          f"MKLDNN(oneDNN): {torch.backends.mkldnn.is_available()}  "
          f"OpenBLAS: {ob is not None}  BLAS_INFO={blas_info}  "
          f"OpenMP: {torch.backends.openmp.is_available()}")
    for p in libs:
        print(f"   mapped: {os.path.realpath(p)}")
    if ob is not None:
        ob.openblas_get_config.restype = ctypes.c_char_p
        print(f"   OpenBLAS config: {ob.openblas_get_config().decode()}"
              f"  threads={ob.openblas_get_num_threads()}")
    if any("/blas/libblas.so" in os.path.realpath(p) for p in blas_libs) and ob is None:
        print("WARNING: the generic netlib *reference* BLAS is in use "
              "(update-alternatives libblas.so.3-x86_64-linux-gnu). bmm is about 13x "
              "slower than it would be with OpenBLAS, so this is an unfair baseline. "
              "Fix: apt-get install libopenblas0-pthread")
    sys.stdout.flush()


def set_threads():
    if ARGS.threads is None:
        return
    torch.set_num_threads(ARGS.threads)
    ob = openblas_handle()
    if ob is not None:
        ob.openblas_set_num_threads(ARGS.threads)


class CpuMeter:
    """CPU time the machine spent between construction and report(), split into this
    process, other processes and hypervisor steal (from /proc/stat and getrusage)."""

    HZ = os.sysconf("SC_CLK_TCK")

    def __init__(self):
        self.start = self.sample()

    @classmethod
    def sample(cls):
        try:
            with open("/proc/stat") as fh:
                v = [int(x) for x in fh.readline().split()[1:9]] + [0] * 8
        except (OSError, ValueError):
            v = [0] * 8
        user, nice, system, _idle, _iowait, irq, softirq, steal = v[:8]
        ru = resource.getrusage(resource.RUSAGE_SELF)
        return (time.perf_counter(), (user + nice + system + irq + softirq) / cls.HZ,
                steal / cls.HZ, ru.ru_utime + ru.ru_stime)

    def report(self):
        """(text, busy): busy when others and steal took over a tenth of the CPUs' time."""
        w1, b1, s1, o1 = self.sample()
        w0, b0, s0, o0 = self.start
        wall, own, steal = w1 - w0, o1 - o0, s1 - s0
        others = max(0.0, (b1 - b0) - own)
        cap = wall * CPU["cpus"]
        text = (f"{wall:.1f} s on {CPU['cpus']} CPUs: this process {own:.1f} CPU-s, "
                f"other processes {others:.1f}, hypervisor steal {steal:.1f} "
                f"(of {cap:.1f} CPU-s)")
        return text, (others + steal) > max(0.1 * cap, 0.05)     # 0.05: a few clock ticks


def blas_check():
    """Measure sgemm through torch.mm and print it with the CPU and the core type in use."""
    M, Kd, Nd = 2000, 784, 1000
    g = torch.Generator().manual_seed(1)
    a = torch.rand(M, Kd, generator=g)
    b = torch.rand(Kd, Nd, generator=g)
    c = torch.empty(M, Nd)
    meter = CpuMeter()
    torch.mm(a, b, out=c)                                   # warm-up: thread pool, pages
    best, repeats, t_end = math.inf, 0, time.perf_counter() + 1.0
    while repeats < 10 or (time.perf_counter() < t_end and repeats < 200):
        t = time.perf_counter()
        torch.mm(a, b, out=c)
        best = min(best, time.perf_counter() - t)
        repeats += 1
    gflops = 2.0 * M * Kd * Nd / best / 1e9
    load, busy = meter.report()

    ob = openblas_handle()
    if ob is not None:
        ob.openblas_get_corename.restype = ctypes.c_char_p
        in_use = ob.openblas_get_corename().decode()
        threads = ob.openblas_get_num_threads()
    else:
        in_use, threads = "(not OpenBLAS)", torch.get_num_threads()
    flags = CPU["flags"]
    print(f"CPU: {CPU['model']} (family {CPU['family']}, model {CPU['model_no']}), "
          f"{CPU['cpus']} logical CPUs, {vector_isa(flags)}")
    print(f"OpenBLAS core type: {in_use} ({CORETYPE_WHY})")
    line = (f"sgemm: {gflops:.1f} GFLOP/s (torch.mm {M}x{Kd} by {Kd}x{Nd} float32, "
            f"{threads} thread{'s' if threads != 1 else ''}, best of {repeats})")
    ghz = (CPU["mhz"] or 0.0) / 1000.0
    peak = None
    if ghz > 0:
        used = min(threads, CPU["cpus"])
        peak = used * ghz * float_lanes(flags) * 2 * 2
        cores = f"{used} core{'s' if used != 1 else ''}"
        line += (f"; {100 * gflops / peak:.0f}% of {peak:.0f} estimated as {cores} x "
                 f"{ghz:.2f} GHz ('cpu MHz') x {float_lanes(flags)} lanes x 2 FMA units x 2")
        if gflops > peak:
            floor = gflops / (used * float_lanes(flags) * 2 * 2)
            line += (f" -- more than that estimate, so the cores run at {floor:.2f} GHz or more and 'cpu MHz' "
                     f"is not their clock (in a VM often the TSC); benchmarks/reference/fma_peak.cs measures it")
    print(line)
    print(f"during the check: {load}")
    if CORETYPE is not None and in_use.lower() != CORETYPE.lower():
        print(f"WARNING: OPENBLAS_CORETYPE={CORETYPE} was asked for but OpenBLAS uses {in_use}: "
              f"an unknown name, or OpenBLAS was loaded before the variable was set.")
    wide = ("skylakex", "cooperlake", "sapphirerapids", "zen4")  # OpenBLAS cores with AVX-512
    if "avx512f" in flags and ob is not None and in_use.lower() not in wide:
        print(f"WARNING: the CPU has AVX-512 but OpenBLAS uses its {in_use} kernels; "
              f"ratios against this reference flatter EvoDsl (try --blas-coretype SkylakeX).")
    if peak is not None and gflops < 0.4 * peak:
        print(f"WARNING: sgemm reaches {100 * gflops / peak:.0f}% of the estimated peak "
              f"(under 40%): the wrong kernels, a busy machine"
              f"{' (it was: see above)' if busy else ''}, or FP units narrower than the "
              f"vector registers (the first Zen generation's are 128 bits).")
    elif busy:
        print("WARNING: other processes or the hypervisor took more than a tenth of the CPUs "
              "during the check; the figure may be low.")
    sys.stdout.flush()
    return gflops


# --------------------------------------------------------------------------
# MNIST
# --------------------------------------------------------------------------

def read_idx(path, magic, ndim):
    if not os.path.isfile(path):
        sys.exit(f"error: MNIST file not found: {path}\n"
                 f"       (expected uncompressed IDX files in {os.path.dirname(path)};"
                 f" use --mnist-dir to point elsewhere)")
    with open(path, "rb") as fh:
        raw = fh.read()
    got = int.from_bytes(raw[:4], "big")
    if got != magic:
        sys.exit(f"error: {path}: bad IDX magic 0x{got:08x}, expected 0x{magic:08x}")
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if data.size != int(np.prod(dims)):
        sys.exit(f"error: {path}: truncated; header says {dims}, got {data.size} bytes of data")
    return data.reshape(dims)


def load_training_set(mnist_dir, per_class, K=10):
    imgs = read_idx(os.path.join(mnist_dir, "train-images-idx3-ubyte"), 0x00000803, 3)
    labs = read_idx(os.path.join(mnist_dir, "train-labels-idx1-ubyte"), 0x00000801, 1)
    if imgs.shape[0] != labs.shape[0]:
        sys.exit(f"error: {mnist_dir}: {imgs.shape[0]} images but {labs.shape[0]} labels")
    picked = []
    for d in range(K):
        idx = np.flatnonzero(labs == d)[:per_class]
        if idx.size < per_class:
            sys.exit(f"error: only {idx.size} training images of digit {d}, need {per_class}")
        picked.append(idx)
    sel = np.sort(np.concatenate(picked))          # keep file order
    S = torch.from_numpy(imgs[sel].reshape(sel.size, -1).astype(np.float32) / 255.0)
    y = torch.from_numpy(labs[sel].astype(np.int64))
    return S.contiguous(), y


# --------------------------------------------------------------------------
# Fixed structures: edge mask and sparse W
# --------------------------------------------------------------------------

def build_network(D, H, K, n, beta, edge_prob, layout, rng):
    mask = rng.random((D, H)) < edge_prob                  # fixed input->hidden edges
    e1_flat = np.flatnonzero(mask)                          # row-major positions in D x H
    E1 = e1_flat.size
    m = E1 + H * K
    # W: m x n, each entry nonzero with probability beta. Sample the nonzero
    # count and the distinct positions directly; do not draw m*n uniforms.
    nnz = rng.binomial(m * n, beta)
    pos = np.sort(rng.choice(m * n, size=nnz, replace=False))
    rows, cols = pos // n, pos % n
    vals = rng.uniform(-1.0, 1.0, size=nnz)
    s1 = 8.0 / math.sqrt(D * edge_prob * beta * n / 3.0)
    s2 = 8.0 / math.sqrt(H * beta * n / 3.0)
    vals *= np.where(rows < E1, s1, s2)
    idx = torch.from_numpy(np.stack([rows, cols]).astype(np.int64))
    W = torch.sparse_coo_tensor(idx, torch.from_numpy(vals.astype(np.float32)),
                                (m, n)).coalesce()
    if layout == "csr":
        W = W.to_sparse_csr()
    return W, torch.from_numpy(e1_flat.astype(np.int64)), E1, m, nnz, s1, s2


# --------------------------------------------------------------------------
# One generation
# --------------------------------------------------------------------------

def generation(p, W, e1_flat, E1, S, y, D, H, K, N, G, eps, gen, buffers=None):
    alpha2 = math.log(K) ** 2
    nS = S.shape[0]
    t0 = time.perf_counter()

    # Population: n x N dense 0/1 float32.
    X = (torch.rand(p.shape[0], N, generator=gen) < p.unsqueeze(1)).to(torch.float32)
    t1 = time.perf_counter()

    # Weights for the whole population at once.
    Wpop = W @ X                                            # m x N dense
    t2 = time.perf_counter()
    t_weights = t2 - t1

    W1buf = torch.zeros(G, D * H)                           # non-edges stay zero
    y_rep = y.repeat(G)
    delta = torch.empty(N)
    t_eval = 0.0
    for g0 in range(0, N, G):
        g1 = min(g0 + G, N)
        g = g1 - g0
        ts = time.perf_counter()
        # Scatter this chunk's first-layer weights through the edge mask.
        W1f = W1buf[:g]
        W1f[:, e1_flat] = Wpop[:E1, g0:g1].t()
        W1 = W1f.view(g, D, H)
        W2 = Wpop[E1:, g0:g1].t().reshape(g, H, K)
        te = time.perf_counter()
        if buffers is None:
            hidden = torch.relu(torch.bmm(S.unsqueeze(0).expand(g, nS, D), W1))
            logits = torch.bmm(hidden, W2)
        else:
            hidden, logits = buffers[0][:g], buffers[1][:g]
            torch.bmm(S.unsqueeze(0).expand(g, nS, D), W1, out=hidden)
            hidden.relu_()
            torch.bmm(hidden, W2, out=logits)
        L = F.cross_entropy(logits.reshape(g * nS, K), y_rep[: g * nS],
                            reduction="none").view(g, nS)
        delta[g0:g1] = torch.clamp(alpha2 - L * L, min=0.0).mean(dim=1)
        tf = time.perf_counter()
        t_weights += te - ts
        t_eval += tf - te
    t3 = time.perf_counter()

    # Rewards and the weak-selection update.
    cnt1 = X.sum(dim=1)
    cnt0 = N - cnt1
    sum1 = X @ delta
    sum0 = delta.sum() - sum1
    mean = delta.mean()
    f = torch.where(cnt1 > 0, sum1 / cnt1.clamp(min=1), mean)
    fbar = torch.where(cnt0 > 0, sum0 / cnt0.clamp(min=1), mean)
    p_new = p * (1 + eps * f) / (1 + eps * fbar + eps * p * (f - fbar))
    t4 = time.perf_counter()
    return p_new, delta, dict(sample=t1 - t0, weights=t_weights, eval=t_eval,
                              update=t4 - t3, total=t4 - t0)


def main():
    a = ARGS
    set_threads()
    if a.blas_check:
        blas_check()
        return
    report_backend()
    blas_check()

    D, K = 784, 10
    H, n, N, G = a.hidden, a.genes, a.population, a.chunk
    rng = np.random.default_rng(a.seed)
    gen = torch.Generator().manual_seed(a.seed)

    t = time.perf_counter()
    S, y = load_training_set(a.mnist_dir, a.train_per_class, K)
    t_mnist = time.perf_counter() - t
    t = time.perf_counter()
    W, e1_flat, E1, m, nnz, s1, s2 = build_network(D, H, K, n, a.beta, a.edge_prob,
                                                  a.sparse, rng)
    t_build = time.perf_counter() - t
    p = torch.rand(n, generator=gen)

    flops = 2.0 * N * S.shape[0] * (D * H + H * K)         # dense bmm work per generation
    print(f"config: N={N} n={n} H={H} K={K} |S|={S.shape[0]} |E1|={E1} m={m} "
          f"nnz(W)={nnz} ({a.sparse}) beta={a.beta} s1={s1:.4f} s2={s2:.4f} "
          f"chunk={G} eps={a.eps} seed={a.seed}"
          + (" preallocated" if a.preallocate else ""))
    print(f"setup: MNIST {t_mnist:.2f}s, W/mask {t_build:.2f}s; "
          f"dense bmm work {flops / 1e9:.1f} GFLOP/generation")
    sys.stdout.flush()

    buffers = (torch.empty(G, S.shape[0], H), torch.empty(G, S.shape[0], K)) if a.preallocate else None
    totals = []
    with torch.no_grad():
        for k in range(a.generations):
            meter = CpuMeter()
            p, delta, tm = generation(p, W, e1_flat, E1, S, y, D, H, K, N, G, a.eps, gen, buffers)
            load, busy = meter.report()
            totals.append(tm["total"])
            print(f"gen {k}: weights {tm['weights']:.3f}s  eval {tm['eval']:.3f}s  "
                  f"(sample {tm['sample']:.3f}s, update {tm['update']:.3f}s)  "
                  f"total {tm['total']:.3f}s  "
                  f"{N * S.shape[0] / tm['total']:.4g} genotype-samples/s  "
                  f"eval {flops / tm['eval'] / 1e9:.1f} GFLOP/s  "
                  f"| mean delta {delta.mean().item():.4f} max {delta.max().item():.4f}  "
                  f"mean p {p.mean().item():.4f}")
            print(f"   machine during gen {k}: {load}" + ("  BUSY" if busy else ""))
            sys.stdout.flush()
    if len(totals) > 1:
        print(f"seconds/generation: first {totals[0]:.3f}, "
              f"mean of rest {sum(totals[1:]) / len(totals[1:]):.3f}, min {min(totals):.3f}")
    else:
        print(f"seconds/generation: {totals[0]:.3f}")


if __name__ == "__main__":
    main()
