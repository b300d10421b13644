#!/usr/bin/python3
"""Extract axial Colin27 (MRIcron ch2.nii.gz) slices as float32 TIFF stacks for training a brain prior.

Each axial slice is zero-padded to a square, resized to SIZE x SIZE (anti-aliased), scaled by the
volume maximum to [0, 1]. A contiguous slab (VAL_START..VAL_END) is held out for validation, with a
GAP of slices on each side dropped so no training slice is nearly identical to a validation slice.

Usage: /usr/bin/python3 scripts/training/extract_colin27_slices.py OUT_DIR [SIZE]
Writes OUT_DIR/train.tif and OUT_DIR/val.tif (float32, one page per slice).
"""
import sys, os
import numpy as np
import nibabel as nib
import tifffile
from skimage.transform import resize

SRC = "/usr/share/mricron/templates/ch2.nii.gz"
FIRST, LAST = 20, 160          # axial range with brain tissue
VAL_START, VAL_END, GAP = 95, 105, 3

def main():
    out = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 128
    vol = nib.load(SRC).get_fdata().astype(np.float64)
    vol /= vol.max()
    os.makedirs(out, exist_ok=True)
    train, val = [], []
    for z in range(FIRST, LAST):
        sl = np.rot90(vol[:, :, z])                       # anterior up, as viewers show it
        h, w = sl.shape
        n = max(h, w)
        sq = np.zeros((n, n))
        sq[(n - h) // 2:(n - h) // 2 + h, (n - w) // 2:(n - w) // 2 + w] = sl
        img = resize(sq, (size, size), order=3, anti_aliasing=True, mode="constant")
        img = np.clip(img, 0, 1).astype(np.float32)
        if VAL_START <= z < VAL_END:
            val.append(img)
        elif z < VAL_START - GAP or z >= VAL_END + GAP:
            train.append(img)
    tifffile.imwrite(os.path.join(out, "train.tif"), np.stack(train), photometric="minisblack")
    tifffile.imwrite(os.path.join(out, "val.tif"), np.stack(val), photometric="minisblack")
    print(f"{len(train)} training and {len(val)} validation slices of {size}x{size} in {out}")

if __name__ == "__main__":
    main()
