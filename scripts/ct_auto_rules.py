"""Offline comparison of `ct --method auto`'s selection rules on the records of
`bin/benchmark HonestCtSr --only CT --auto-dump DIR` (CtAutoDiagnostics: per case, the held-out views' residuals of
diffusion and of each TV weight per fold, and the full-data images), against the truth, with the oracle among
auto's candidates. Blends are of real images, so every blend's residual and image follow from the records.

usage: /usr/bin/python3 scripts/ct_auto_rules.py DIR
"""
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from auto_rules import W_GRID, print_table, records  # noqa: E402 (the same records and table as for MRI)


def load(d):
    cases = []
    for setting, image, name, best, bestpsnr, bestsec, secs, meta, raw, truth in records(d):
        C = len(meta["candidates"])
        n, bins = meta["size"], meta["bins"]
        off = 0
        folds = []
        for views in meta["heldOutViews"]:
            res = []
            for c in range(C):
                res.append(raw[off:off + views * bins].reshape(views, bins))
                off += views * bins
            folds.append(np.array(res))
        images = []
        for c in range(C):
            images.append(raw[off:off + n * n])
            off += n * n
        assert off == raw.size, (off, raw.size)
        cases.append(dict(setting=setting, image=image, name=name, best=best, bestpsnr=float(bestpsnr),
                          secs=float(secs), bestsec=float(bestsec), meta=meta, folds=folds,
                          images=np.array(images), truth=truth, C=C))
    return cases


def psnr(truth, x):
    return 10 * math.log10(truth.max() ** 2 / np.mean((truth - x) ** 2))


def true_table(case):
    t = np.full((case["C"], len(W_GRID)), -np.inf)
    for l in range(1, case["C"]):
        for wi, w in enumerate(W_GRID):
            t[l, wi] = psnr(case["truth"], w * case["images"][0] + (1 - w) * case["images"][l])
    return t


def unit_errors(case, l, w):
    """Per held-out view, all folds."""
    return np.concatenate([((w * f[0] + (1 - w) * f[l]) ** 2).sum(axis=1) for f in case["folds"]])


def score_table(case):
    s = np.full((case["C"], len(W_GRID)), np.inf)
    for l in range(1, case["C"]):
        for wi, w in enumerate(W_GRID):
            s[l, wi] = unit_errors(case, l, w).sum()
    return s


def rule_current(case, s):
    l = 1 + int(np.argmin(s[1:, 0]))
    return l, int(np.argmin(s[l]))


def rule_se(case, default, z):
    l, wi = rule_current(case, score_table(case))
    if (l, wi) == default:
        return l, wi
    d = unit_errors(case, *default[:1], W_GRID[default[1]]) - unit_errors(case, l, W_GRID[wi])
    se = math.sqrt(len(d)) * d.std(ddof=1) if len(d) > 1 else np.inf
    return (l, wi) if d.sum() > z * se else default


def main():
    cases = load(sys.argv[1])
    rules = {}
    for case in cases:
        t = true_table(case)
        picks = {"current": rule_current(case, score_table(case)), "diffusion": (1, 4)}
        for z in (1, 2, 3):
            for dl in range(1, case["C"]):
                for dw in (2, 3):
                    picks["se z%g %s/%g" % (z, case["meta"]["candidates"][dl], W_GRID[dw])] = rule_se(case, (dl, dw), z)
        for name, (l, wi) in picks.items():
            rules.setdefault(name, []).append((case["setting"], t[l, wi] - case["bestpsnr"]))
        o = np.unravel_index(np.argmax(t[1:]), t[1:].shape)
        rules.setdefault("oracle", []).append((case["setting"], t[1 + o[0], o[1]] - case["bestpsnr"]))
    print_table(rules, [c["setting"] for c in cases])

if __name__ == "__main__":
    main()
