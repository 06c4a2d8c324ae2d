"""Pools several WholeRun TSVs (every timed run) into the README's table: medians over all rounds.

usage: python3 pool.py wholerun-*.tsv
"""
import sys, statistics as st, collections

runs = collections.defaultdict(list)
for path in sys.argv[1:]:
    for line in open(path):
        p = line.rstrip('\n').split('\t')
        if p[0] == 'round':
            continue
        _, runtime, impl, scenario, n, wall = p[:6]
        runs[(runtime, scenario, impl)].append(int(n) / (int(wall) / 1e9))

SHORT = {'ArrayBlockingQueue': 'ABQ', 'LinkedBlockingQueue': 'LBQ', 'LinkedTransferQueue': 'LTQ', 'SynchronousQueue': 'SQ'}
SCENARIOS = ["spsc bounded(1024)", "mpsc bounded(1024)", "mpmc bounded(1024)", "spsc unbounded", "mpsc unbounded",
             "mpmc unbounded", "spsc rendezvous", "mpsc rendezvous", "spsc bounded(1)"]

def fmt(x):
    return "%.1f M" % (x / 1e6) if x >= 1e6 else "%.0f k" % (x / 1e3)

def median(runtime, scenario, impl):
    v = runs.get((runtime, scenario, impl))
    return st.median(v) if v else None

def best_jdk(runtime, scenario):
    return max((st.median(v), SHORT[k[2]]) for k, v in runs.items()
               if k[0] == runtime and k[1] == scenario and k[2] in SHORT)

print("| scenario | Rust std | best JDK 17 | Sluice 17 (× JDK; × Rust) | best JDK 25 | Sluice 25 (× JDK; × Rust; × Jox) | Jox (25) |")
print("|---|---:|---:|---:|---:|---:|---:|")
for sc in SCENARIOS:
    rust = median("Rust std", sc, "Rust std")
    j17, q17 = best_jdk("JDK 17", sc)
    j25, q25 = best_jdk("JDK 25", sc)
    s17, s25, jox = median("JDK 17", sc, "sluice"), median("JDK 25", sc, "sluice"), median("JDK 25", sc, "jox")
    print("| %s | %s | %s %s | %s (%.2f×; %.2f×) | %s %s | %s (%.2f×; %.2f×; %.2f×) | %s |" % (
        sc, fmt(rust), fmt(j17), q17, fmt(s17), s17 / j17, s17 / rust, fmt(j25), q25, fmt(s25), s25 / j25, s25 / rust, s25 / jox, fmt(jox)))
counts = collections.Counter(len(v) for k, v in runs.items() if k[2] == 'sluice')
print("\nruns per Sluice cell:", dict(counts))
