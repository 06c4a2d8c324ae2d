"""Mann-Whitney U on the raw iteration scores of two JMH JSON result files (same benchmark).

usage: jmhmw.py A.json B.json  -> per benchmark: means ± JMH error, P(B > A), two-sided p
"""
import sys, json

from ranktest import mann_whitney

def load(path):
    out = {}
    for r in json.load(open(path)):
        raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
        out[r["benchmark"]] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"], raw)
    return out

a, b = load(sys.argv[1]), load(sys.argv[2])
for name in sorted(a.keys() & b.keys()):
    (sa, ea, ra), (sb, eb, rb) = a[name], b[name]
    prob, p = mann_whitney(ra, rb)
    print("%s: %.1f ± %.1f M -> %.1f ± %.1f M (%.2fx); P(B > A) %.2f, p %.2g, %d + %d iterations"
          % (name.split('.')[-2] + "." + name.split('.')[-1], sa / 1e6, ea / 1e6, sb / 1e6, eb / 1e6, sb / sa, prob, p, len(ra), len(rb)))
