"""Mann-Whitney U test (normal approximation, tied values share their mean rank), for mw.py and jmhmw.py."""
import math


def mann_whitney(a, b):
    """Returns (P(a run of b beats a run of a), two-sided p)."""
    pooled = sorted([(x, 0) for x in a] + [(x, 1) for x in b])
    rank_sum_b, i = 0.0, 0
    while i < len(pooled):
        k = i
        while k + 1 < len(pooled) and pooled[k + 1][0] == pooled[i][0]:
            k += 1
        rank = (i + k) / 2 + 1
        rank_sum_b += rank * sum(1 for m in range(i, k + 1) if pooled[m][1] == 1)
        i = k + 1
    n1, n2 = len(a), len(b)
    u = rank_sum_b - n2 * (n2 + 1) / 2          # pairs where b beats a
    z = (u - n1 * n2 / 2) / math.sqrt(n1 * n2 * (n1 + n2 + 1) / 12)
    return u / (n1 * n2), math.erfc(abs(z) / math.sqrt(2))
