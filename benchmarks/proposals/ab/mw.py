"""Mann-Whitney U test (normal approximation, ties averaged) on every run of two jars in an ab.sh TSV.

usage: mw.py TSV A B   -> per JDK and scenario: medians, B/A, P(B > A), two-sided p
"""
import sys, math, statistics as st, collections

f, A, B = sys.argv[1], sys.argv[2], sys.argv[3]
d = collections.defaultdict(list)
for line in open(f):
    r, j, jar, sc, l, mps, cpu, wall = line.rstrip('\n').split('\t')
    d[(j, sc, jar)].append(float(mps))

def mann_whitney(a, b):
    pooled = sorted([(x, 0) for x in a] + [(x, 1) for x in b])
    ranks = [0.0] * len(pooled)
    i = 0
    while i < len(pooled):
        k = i
        while k + 1 < len(pooled) and pooled[k + 1][0] == pooled[i][0]:
            k += 1
        for m in range(i, k + 1):
            ranks[m] = (i + k) / 2 + 1
        i = k + 1
    rb = sum(rk for rk, (x, g) in zip(ranks, pooled) if g == 1)
    n1, n2 = len(a), len(b)
    u = rb - n2 * (n2 + 1) / 2            # pairs where B beats A
    mu, sigma = n1 * n2 / 2, math.sqrt(n1 * n2 * (n1 + n2 + 1) / 12)
    z = (u - mu) / sigma
    p = math.erfc(abs(z) / math.sqrt(2))
    return u / (n1 * n2), p

print("| JDK | scenario | %s median M/s | %s median M/s | ratio | P(%s run > %s run) | p (two-sided) | runs |" % (A, B, B, A))
print("|---|---|---:|---:|---:|---:|---:|---:|")
for (j, sc) in sorted(set((k[0], k[1]) for k in d)):
    a, b = d.get((j, sc, A)), d.get((j, sc, B))
    if not a or not b:
        continue
    prob, p = mann_whitney(a, b)
    print("| JDK %s | %s | %.1f | %.1f | %.2f× | %.2f | %.3g | %d + %d |" % (j, sc, st.median(a), st.median(b), st.median(b) / st.median(a), prob, p, len(a), len(b)))
