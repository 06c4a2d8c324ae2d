"""Mann-Whitney U on the raw iteration scores of two JMH JSON result files (same benchmark).

usage: jmhmw.py A.json B.json  -> per benchmark: means ± JMH error, P(B > A), two-sided p
"""
import sys, json, math

def load(path):
    out = {}
    for r in json.load(open(path)):
        raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
        out[r["benchmark"]] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"], raw)
    return out

def mann_whitney(a, b):
    pooled = sorted([(x, 0) for x in a] + [(x, 1) for x in b])
    rb, i = 0.0, 0
    while i < len(pooled):
        k = i
        while k + 1 < len(pooled) and pooled[k + 1][0] == pooled[i][0]:
            k += 1
        rank = (i + k) / 2 + 1
        rb += rank * sum(1 for m in range(i, k + 1) if pooled[m][1] == 1)
        i = k + 1
    n1, n2 = len(a), len(b)
    u = rb - n2 * (n2 + 1) / 2
    z = (u - n1 * n2 / 2) / math.sqrt(n1 * n2 * (n1 + n2 + 1) / 12)
    return u / (n1 * n2), math.erfc(abs(z) / math.sqrt(2))

a, b = load(sys.argv[1]), load(sys.argv[2])
for name in sorted(a.keys() & b.keys()):
    (sa, ea, ra), (sb, eb, rb) = a[name], b[name]
    prob, p = mann_whitney(ra, rb)
    print("%s: %.1f ± %.1f M -> %.1f ± %.1f M (%.2fx); P(B > A) %.2f, p %.2g, %d + %d iterations"
          % (name.split('.')[-2] + "." + name.split('.')[-1], sa / 1e6, ea / 1e6, sb / 1e6, eb / 1e6, sb / sa, prob, p, len(ra), len(rb)))
