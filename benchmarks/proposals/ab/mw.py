"""Mann-Whitney U test (normal approximation, ties averaged) on every run of two jars in an ab.sh TSV.

usage: mw.py TSV A B   -> per JDK and scenario: medians, B/A, P(B > A), two-sided p
"""
import sys, statistics as st, collections

from ranktest import mann_whitney

f, A, B = sys.argv[1], sys.argv[2], sys.argv[3]
d = collections.defaultdict(list)
for line in open(f):
    r, j, jar, sc, l, mps, cpu, wall = line.rstrip('\n').split('\t')
    d[(j, sc, jar)].append(float(mps))

print("| JDK | scenario | %s median M/s | %s median M/s | ratio | P(%s run > %s run) | p (two-sided) | runs |" % (A, B, B, A))
print("|---|---|---:|---:|---:|---:|---:|---:|")
for (j, sc) in sorted(set((k[0], k[1]) for k in d)):
    a, b = d.get((j, sc, A)), d.get((j, sc, B))
    if not a or not b:
        continue
    prob, p = mann_whitney(a, b)
    print("| JDK %s | %s | %.1f | %.1f | %.2f× | %.2f | %.3g | %d + %d |" % (j, sc, st.median(a), st.median(b), st.median(b) / st.median(a), prob, p, len(a), len(b)))
