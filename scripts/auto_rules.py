"""Offline comparison of `mri --method auto`'s selection rules on the records of
`bin/benchmark honest --auto-dump DIR` (AutoDiagnostics: per case, the held-out k-space residuals of diffusion and
of every classical candidate per fold, and the full-data images), so that a rule can be tried without running the
reconstructions again. Since the operator is linear, any blend's held-out error and image follow from these.

usage: /usr/bin/python3 scripts/auto_rules.py DIR [plain|proj|all|shipped|grid]
Prints, per setting, the mean / worst delta (against the best tuned classical method of each case) of each rule, the
number of cases below -0.3 dB, and the oracle among auto's candidates. "shipped" is the rule MriAuto implements
(the four classical candidates of MriAuto.CLASSICAL, plain and phase-projected, density weights, default 0.75
diffusion + 0.25 TV 3e-3 kept unless beaten by 3 standard errors; the default without folds on an equispaced mask);
it must agree case by case with the benchmark's `--auto` rows (checked on 80 validation cases in stop 33). "grid"
prints that rule with other candidate sets, default blends and significance (records with six TV/L1 candidates).
"""
import json, sys, os, math
import numpy as np

W_GRID = [0.0, 0.25, 0.5, 0.75, 1.0]


def records(d):
    """Per line of DIR/index.tsv: setting, image, name, best classical, its PSNR and seconds, the record's seconds,
    its JSON, its float32 values and the truth."""
    for line in open(os.path.join(d, "index.tsv")):
        setting, image, name, best, bestpsnr, bestsec, secs = line.rstrip("\n").split("\t")
        yield (setting, image, name, best, bestpsnr, bestsec, secs, json.load(open(os.path.join(d, name + ".json"))),
               np.fromfile(os.path.join(d, name + ".bin"), dtype="<f4"),
               np.fromfile(os.path.join(d, name + ".truth"), dtype="<f4"))


def load(d):
    cases = []
    for setting, image, name, best, bestpsnr, bestsec, secs, meta, raw, truth in records(d):
        C = len(meta["candidates"])  # 0 = diffusion
        h, w = meta["height"], meta["width"]
        off = 0
        folds = []
        for f in meta["folds"]:
            V = f["values"]
            preds = []
            for c in range(C):
                v = raw[off:off + 2 * V]; off += 2 * V
                preds.append(v[0::2] + 1j * v[1::2])
            y = raw[off:off + 2 * V]; off += 2 * V
            y = y[0::2] + 1j * y[1::2]
            folds.append(dict(res=np.array(preds) - y[None, :], y=y, pixel=np.array(f["pixel"])))
        images = []
        for c in range(C):
            v = raw[off:off + 2 * h * w]; off += 2 * h * w
            images.append(v[0::2] + 1j * v[1::2])
        assert off == raw.size, (off, raw.size)
        mask = np.array([ch == "1" for ch in meta["mask"]]).reshape(h, w)
        cases.append(dict(setting=setting, image=image, name=name, best=best, bestpsnr=float(bestpsnr),
                          bestsec=float(bestsec), secs=float(secs), meta=meta, folds=folds, images=np.array(images),
                          truth=truth, mask=mask, h=h, w=w, C=C))
    return cases


def psnr(truth, x):
    mse = np.mean((truth - x) ** 2)
    return 10 * math.log10(truth.max() ** 2 / mse)


def blend_image(case, l, w):
    return np.abs(w * case["images"][0] + (1 - w) * case["images"][l])


def true_table(case):
    """psnr[l][wi] for classical l = 1..C-1, blend weights W_GRID (w = 1: diffusion alone)."""
    t = np.zeros((case["C"], len(W_GRID)))
    for l in range(1, case["C"]):
        for wi, w in enumerate(W_GRID):
            t[l, wi] = psnr(case["truth"], blend_image(case, l, w))
    t[0, :] = -np.inf
    return t


def density_weights(case, pixels):
    """(1 - p)/p at each held-out pixel, p the sampling density in a radial band of the mask."""
    h, w = case["h"], case["w"]
    yy, xx = np.mgrid[0:h, 0:w]
    r = np.hypot((yy - h // 2) / h, (xx - w // 2) / w)
    bins = np.minimum((r / r.max() * 12).astype(int), 11)
    p = np.zeros(12)
    for b in range(12):
        sel = bins == b
        p[b] = case["mask"][sel].mean() if sel.any() else 1
    pb = p[bins.ravel()[pixels]]
    pb = np.clip(pb, 1e-3, 1)
    return (1 - pb) / pb + 1e-3


def unit_errors(case, l, w, weighting):
    """Per held-out unit (column for a column hold-out, else pixel), error summed over coils; all folds."""
    out = []
    for f in case["folds"]:
        r = w * f["res"][0] + (1 - w) * f["res"][l]
        e = np.abs(r) ** 2
        pix = f["pixel"]
        if case["meta"]["holdOut"] == "COLUMNS" and is_columns(case):
            key = pix % case["w"]
        else:
            key = pix
        wt = density_weights(case, pix) if weighting else np.ones_like(e)
        uniq, inv = np.unique(key, return_inverse=True)
        out.append(np.bincount(inv, weights=e * wt))
    return np.concatenate(out)


def is_columns(case):
    m = case["mask"]
    return bool((m == m[0:1, :]).all())


# plain: unprojected classical; proj: projected only (when present); all: both; shipped: both, of SHIPPED_CLASSICAL only
SUBSET = "plain"
# MriAuto.CLASSICAL (records of other rounds hold other candidates: TV 3e-2, L1-wavelet 3e-4; before stop 33 the
# four of FOUR_CLASSICAL) and its default blend (classical name, W_GRID index) and significance.
FOUR_CLASSICAL = ("tv 3e-03", "tv 1e-02", "l1-wavelet 1e-03", "l1-wavelet 3e-03")
SHIPPED_CLASSICAL = ("tv 1e-03", "tv 3e-03", "tv 1e-02", "l1-wavelet 1e-03")
SHIPPED_DEFAULT = ("tv 3e-03", 3)
SHIPPED_Z = 3


def allowed(case):
    names = case["meta"]["candidates"]
    has_proj = any(n.startswith("proj") for n in names)
    out = []
    for l in range(1, case["C"]):
        p = names[l].startswith("proj")
        if (SUBSET == "all" or (SUBSET == "plain" and not p) or (SUBSET == "proj" and (p or not has_proj))
                or (SUBSET == "shipped" and names[l].removeprefix("proj ") in SHIPPED_CLASSICAL)):
            out.append(l)
    return out


def score_table(case, weighting=False):
    s = np.full((case["C"], len(W_GRID)), np.inf)
    for l in allowed(case):
        for wi, w in enumerate(W_GRID):
            s[l, wi] = unit_errors(case, l, w, weighting).sum()
    return s


def rule_current(case, s):
    l = 1 + int(np.argmin(s[1:, 0]))
    wi = int(np.argmin(s[l]))
    return l, wi


def rule_joint(case, s):
    idx = np.unravel_index(np.argmin(s[1:]), s[1:].shape)
    return 1 + idx[0], idx[1]


def rule_se(case, weighting, default, z, base):
    """Keep `default` (l, wi) unless the base rule's pick beats it on held-out units by z standard errors."""
    s = score_table(case, weighting)
    l, wi = base(case, s)
    ld, wd = default
    if isinstance(ld, str):
        names = case["meta"]["candidates"]
        ld = names.index("proj " + ld) if SUBSET == "proj" and ("proj " + ld) in names else names.index(ld)
    if (l, wi) == (ld, wd):
        return l, wi
    eb = unit_errors(case, l, W_GRID[wi], weighting)
    ed = unit_errors(case, ld, W_GRID[wd], weighting)
    d = ed - eb
    se = math.sqrt(len(d)) * d.std(ddof=1) if len(d) > 1 else np.inf
    return (l, wi) if d.sum() > z * se else (ld, wd)


ZS = (1, 2, 3)
DEFAULTS = (("tv 3e-03", 3), ("tv 1e-02", 3), ("l1-wavelet 1e-03", 3), ("tv 3e-03", 2), ("tv 1e-03", 4))


def equispaced(mask):
    """SamplingMasks.equispacedSpacing > 0: a column mask whose sampled columns outside the longest run of sampled
    columns (the centre) have at least three gaps, none of one column, differing by at most one column."""
    if not (mask == mask[:1]).all():
        return False
    cols = mask[0]
    best, run, start = (0, 0), 0, 0
    for x, c in enumerate(cols):
        if not c:
            start = x + 1
        elif x - start + 1 > best[1]:
            best = (start, x - start + 1)
    if best[1] < 2:
        best = (0, 0)
    gaps, prev = [], -1
    for x, c in enumerate(cols):
        if best[0] <= x < best[0] + best[1]:
            prev = -1
        elif c:
            if prev >= 0:
                gaps.append(x - prev)
            prev = x
    return len(gaps) >= 3 and min(gaps) >= 2 and max(gaps) - min(gaps) <= 1


def shipped(case, names=None, default=None, z=None):
    """The rule MriAuto ships, whatever SUBSET the other rules use: the default blend on an equispaced mask (no folds
    run there), else the significance rule among the shipped classical candidates (plain and phase-projected).
    `names`, `default` and `z` give the same rule with other candidates (MriAuto.CLASSICAL), default blend
    (classical name, W_GRID index) and significance."""
    global SUBSET, SHIPPED_CLASSICAL
    default = default or SHIPPED_DEFAULT
    z = z or SHIPPED_Z
    if equispaced(case["mask"]):
        return case["meta"]["candidates"].index(default[0]), default[1]
    saved = SUBSET, SHIPPED_CLASSICAL
    SUBSET, SHIPPED_CLASSICAL = "shipped", names or SHIPPED_CLASSICAL
    try:
        return rule_se(case, True, default, z, rule_current)
    finally:
        SUBSET, SHIPPED_CLASSICAL = saved


# The grid of `grid`: candidate sets (MriAuto.CLASSICAL), default partners and weights (W_GRID indices), z.
GRID_SETS = {"4": FOUR_CLASSICAL, "4+tv1e-3": ("tv 1e-03",) + FOUR_CLASSICAL,
             "4+tv3e-2": FOUR_CLASSICAL + ("tv 3e-02",), "6": ("tv 1e-03",) + FOUR_CLASSICAL + ("tv 3e-02",)}
GRID_PARTNERS = ("tv 1e-03", "tv 3e-03", "tv 1e-02")


def grid(cases):
    """Every rule of the grid, by mean delta over all cases; the rule shipped before stop 33 first. Needs records
    holding the six candidates of GRID_SETS["6"]."""
    rows = {}
    for case in cases:
        t = true_table(case)
        for sname, names in GRID_SETS.items():
            for partner in (p for p in GRID_PARTNERS if p in names):
                for wi in (1, 2, 3, 4):
                    for z in ZS:
                        l, w = shipped(case, names, (partner, wi), z)
                        key = "%-9s %s/%.2f z%g" % (sname, partner, W_GRID[wi], z)
                        rows.setdefault(key, []).append((case["setting"], t[l, w] - case["bestpsnr"]))
    ship = "%-9s %s/%.2f z%g" % ("4", "tv 1e-02", 0.75, 2)
    order = [ship] + sorted((k for k in rows if k != ship), key=lambda k: -np.mean([x for _, x in rows[k]]))
    print_table({k: rows[k] for k in order}, [c["setting"] for c in cases])


def main():
    global SUBSET
    d = sys.argv[1]
    if len(sys.argv) > 2:
        SUBSET = sys.argv[2]
    cases = load(d)
    if SUBSET == "grid":
        grid(cases)
        return
    rules = {}
    for case in cases:
        t = true_table(case)
        s = score_table(case)
        sw = score_table(case, True)
        case["t"] = t
        picks = {
            "current": rule_current(case, s),
            "joint": rule_joint(case, s),
            "weighted-current": rule_current(case, sw),
            "weighted-joint": rule_joint(case, sw),
            "diffusion": (1, 4),
            "shipped": shipped(case),
        }
        for z in ZS:
            # Records made with four candidates lack the other defaults' classical methods.
            for dflt in (d for d in DEFAULTS if d[0] in case["meta"]["candidates"]):
                for wt in (False, True):
                    for bn, base in (("cur", rule_current), ("joint", rule_joint)):
                        picks["se%s%s z%g %s/%g" % ("W" if wt else "", bn, z, dflt[0], W_GRID[dflt[1]])] = \
                            rule_se(case, wt, dflt, z, base)
        for name, (l, wi) in picks.items():
            rules.setdefault(name, []).append((case["setting"], t[l, wi] - case["bestpsnr"]))
        t = t.copy()
        for l in range(1, case["C"]):
            if l not in allowed(case):
                t[l] = -np.inf
        o = np.unravel_index(np.argmax(t[1:]), t[1:].shape)
        rules.setdefault("oracle", []).append((case["setting"], t[1 + o[0], o[1]] - case["bestpsnr"]))
    print_table(rules, [c["setting"] for c in cases])


def print_table(rules, settings_of_cases):
    """Per rule and setting mean / worst delta, then all cases with the count below -0.3 dB."""
    settings = list(dict.fromkeys(settings_of_cases))
    print("%-28s" % "rule" + "".join("%16s" % s[:15] for s in settings) + "%20s" % "all (below -0.3)")
    for name, vals in rules.items():
        row = "%-28s" % name
        for st in settings:
            v = [x for s2, x in vals if s2 == st]
            row += "%9.2f/%6.2f" % (np.mean(v), np.min(v)) if v else "%16s" % "-"
        v = [x for _, x in vals]
        row += "%9.2f/%6.2f/%2d" % (np.mean(v), np.min(v), sum(x < -0.3 for x in v))
        print(row)

if __name__ == "__main__":
    main()
