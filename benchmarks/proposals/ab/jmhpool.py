"""Pools the JSON files of jmh-ab.sh: per (JDK, scenario), every measured iteration of every fork
of each jar, with JMH's own error (the 99.9 % confidence interval of the mean, Student's t), and
whether the two intervals overlap; plus the Mann-Whitney test over the same iterations.

usage: jmhpool.py OUTDIR A B
"""
import glob, json, math, os, statistics as st, sys, collections

from ranktest import mann_whitney


def t_quantile(p, df):
    """Student's t quantile by bisection on its CDF (Simpson's rule on the density); no SciPy."""
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    def cdf(x, steps=2000):
        h = x / steps
        f = lambda t: c * (1 + t * t / df) ** (-(df + 1) / 2)
        s = f(0) + f(x) + sum((4 if i % 2 else 2) * f(i * h) for i in range(1, steps))
        return 0.5 + s * h / 3
    lo, hi = 0.0, 50.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
    return (lo + hi) / 2


def jmh_error(xs):
    return t_quantile(0.9995, len(xs) - 1) * st.stdev(xs) / math.sqrt(len(xs))


out, A, B = sys.argv[1], sys.argv[2], sys.argv[3]
raw = collections.defaultdict(list)
for path in glob.glob(os.path.join(out, "*.json")):
    jar, jdk = os.path.basename(path).split("-")[:2]
    text = open(path).read()
    if not text.strip():
        continue                                    # a run still in progress, or one that failed
    for r in json.loads(text):
        key = (jdk, r["params"].get("scenario") or r["benchmark"].split(".")[-1], jar)
        raw[key] += [x / 1e6 for fork in r["primaryMetric"]["rawData"] for x in fork]
print("| JDK | scenario | %s M/s (± 99.9 %%) | %s M/s (± 99.9 %%) | ratio | intervals | P(%s iteration > %s) | p | iterations |" % (A, B, B, A))
print("|---|---|---:|---:|---:|---|---:|---:|---:|")
for jdk, scenario in sorted({(k[0], k[1]) for k in raw}):
    a, b = raw.get((jdk, scenario, A)), raw.get((jdk, scenario, B))
    if not a or not b:
        continue
    ma, mb, ea, eb = st.mean(a), st.mean(b), jmh_error(a), jmh_error(b)
    apart = ma + ea < mb - eb or mb + eb < ma - ea
    prob, p = mann_whitney(a, b)
    f = "%.2f" if max(ma, mb) < 10 else "%.1f"
    print(("| JDK %s | %s | " + f + " ± " + f + " | " + f + " ± " + f + " | %.2f× | %s | %.2f | %.2g | %d + %d |")
          % (jdk, scenario, ma, ea, mb, eb, mb / ma, "apart" if apart else "overlap", prob, p, len(a), len(b)))
