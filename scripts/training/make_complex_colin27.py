#!/usr/bin/python3
"""Complex-valued training data for a complex MRI prior, made from the magnitude slices written by
extract_colin27_slices.py: each slice gets a smooth random phase (a random plane plus a Gaussian-smoothed
random field, as in simulated MRI phase from B0 and coil effects). Writes real/imaginary plane pairs.

Usage: /usr/bin/python3 scripts/training/make_complex_colin27.py IN_DIR OUT_DIR
Reads IN_DIR/train.tif and IN_DIR/val.tif; writes OUT_DIR/train.tif and OUT_DIR/val.tif (pages re0, im0, re1, ...).
"""
import os, sys
import numpy as np
import tifffile
from scipy.ndimage import gaussian_filter

def complexify(stack, rng):
    n, h, w = stack.shape
    yy, xx = np.mgrid[0:h, 0:w] / max(h, w) - 0.5
    out = []
    for img in stack:
        field = gaussian_filter(rng.standard_normal((h, w)), sigma=h / 8)
        field *= 1.5 / (np.abs(field).max() + 1e-12)
        phase = rng.uniform(-np.pi, np.pi) + rng.uniform(-3, 3) * xx + rng.uniform(-3, 3) * yy + field
        z = img * np.exp(1j * phase)
        out += [z.real.astype(np.float32), z.imag.astype(np.float32)]
    return np.stack(out)

def main():
    src, dst = sys.argv[1], sys.argv[2]
    os.makedirs(dst, exist_ok=True)
    rng = np.random.default_rng(27)
    for name in ("train.tif", "val.tif"):
        tifffile.imwrite(os.path.join(dst, name), complexify(tifffile.imread(os.path.join(src, name)), rng),
                         photometric="minisblack")
    print("wrote", dst)

if __name__ == "__main__":
    main()
