"""What evaluating only what differs (issue 16, lever 2) could save, from a run's allele frequencies.

Reads allele-frequencies.csv (gene,p) of an NNE run and prints:
- how many genes a genotype drawn from p differs in from the consensus round(p), on average: sum min(p, 1-p);
- the chance that a gene varies within a block of B genotypes (not all B draws equal), averaged over genes;
- the share of links whose weight varies within a block, when a link's genes are Poisson(n * density)
  (the gene map's density; 2000 * 0.0025 = 5 at the paper's sizes): only the others could be computed
  once per block instead of once per genotype.

    /usr/bin/python3 benchmarks/reference/nne_consensus.py results/nne-mnist-0to9/allele-frequencies.csv [--genes-per-link 5]
"""
import argparse
import csv
import math

parser = argparse.ArgumentParser()
parser.add_argument("frequencies")
parser.add_argument("--genes-per-link", type=float, default=5.0)
args = parser.parse_args()

try:
    with open(args.frequencies) as f:
        p = [float(row["p"]) for row in csv.DictReader(f)]
except OSError as e:
    raise SystemExit(f"{args.frequencies}: {e.strerror}; pass a run's allele-frequencies.csv")
except (KeyError, TypeError, ValueError):
    raise SystemExit(f"{args.frequencies}: not an allele-frequencies.csv (a header gene,p and one probability per gene)")
if not p or any(not 0 <= x <= 1 for x in p):
    raise SystemExit(f"{args.frequencies}: expected one probability in [0, 1] per gene")

print(f"{args.frequencies}: {len(p)} genes")
print(f"within 0.05 of 0 or 1: {sum(min(x, 1 - x) < 0.05 for x in p) / len(p):.1%}")
print(f"genes a genotype differs from the consensus in: {sum(min(x, 1 - x) for x in p):.1f}")
for block in (64, 16):
    varies = sum(1 - x**block - (1 - x) ** block for x in p) / len(p)
    links = 1 - math.exp(-args.genes_per_link * varies)
    print(f"block of {block}: a gene varies with probability {varies:.3f}; links whose weight varies: {links:.1%}")
