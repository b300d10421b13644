#!/usr/bin/python3
"""Extracts axial Colin27 (ch2.nii.gz, 181x217x181, 1 mm) slices as 256x256 float32 TIFFs scaled to [0, 1]
(each slice divided by its maximum, zero-padded symmetrically, anterior at the top) for the MRI benchmark.

Validation slab (used to choose default weights): axial slices 100-110.
Held-out test slices (benchmark table only): 70 and 85.

Usage: /usr/bin/python3 scripts/extract_colin27.py OUT_DIR
Writes OUT_DIR/colin27_axial_<z>.tif. Needs Debian's python3 with nibabel and scikit-image (tifffile)."""
import os
import sys

import nibabel
import numpy as np
import tifffile

SOURCE = '/usr/share/mricron/templates/ch2.nii.gz'
VALIDATION = list(range(100, 111))
TEST = [70, 85]


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    volume = np.asarray(nibabel.load(SOURCE).get_fdata(), dtype=np.float64)
    for z in VALIDATION + TEST:
        plane = np.flipud(volume[:, :, z].T)  # rows = y (posterior->anterior flipped to anterior on top), cols = x
        h, w = plane.shape
        out = np.zeros((256, 256), dtype=np.float32)
        y0, x0 = (256 - h) // 2, (256 - w) // 2
        out[y0:y0 + h, x0:x0 + w] = plane / plane.max()
        tifffile.imwrite(os.path.join(out_dir, 'colin27_axial_%d.tif' % z), out)
    print('wrote %d slices to %s' % (len(VALIDATION) + len(TEST), out_dir))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'target/colin27')
