#!/usr/bin/python3
"""Field of view and intensity statistics of the InVesalius Cranium CT TRAINING slabs (slices 0-9 and
86-107, ../shared/DATA.md), the only real CT the CT phantoms' design may be measured on. Validation (15-40)
and test (46-80) slabs are never read.

Per slice (256x256, 0.96 mm pixels): the head is the largest connected region above -500 HU (half-way
between air and soft tissue; the thin head holder is a separate, smaller region), holes filled. Printed:
  width, height   the head's bounding box as a fraction of the image width / height
  extent          max(width, height), the phantoms' zoom target (make_ct_phantoms.py: HEAD_EXTENT)
  diameter        the equivalent circle diameter sqrt(4 area / pi) as a fraction of the image side
  offset          distance of the head's centre from the image centre, as a fraction of the image side
  p99             99th percentile of (HU + 1024) over the whole slice, the robust maximum CtDiffusion scales by
and their range and quartiles over the slices, for the 256x256 stack and (as a check of the resize) the
128x128 one. The phantoms take only these few numbers; no image content.

Usage: /usr/bin/python3 scripts/training/measure_cranium_extent.py DATA_DIR
DATA_DIR is the output of scripts/training/make_training_data.py (DATA_DIR/cranium-ct/train-256.tif and
train.tif: attenuation (HU + 1024) / 3000 clipped to [0, 1]).
"""
import os
import sys

import numpy as np
import tifffile
from scipy import ndimage

THRESHOLD_HU = -500.0


def slice_statistics(attenuation):
    hu = attenuation.astype(np.float64) * 3000 - 1024
    n = hu.shape[0]
    labels, count = ndimage.label(hu > THRESHOLD_HU)
    if count == 0:
        return None
    sizes = ndimage.sum(np.ones_like(hu), labels, index=np.arange(1, count + 1))
    head = ndimage.binary_fill_holes(labels == 1 + int(np.argmax(sizes)))
    ys, xs = np.nonzero(head)
    width = (xs.max() - xs.min() + 1) / n
    height = (ys.max() - ys.min() + 1) / n
    offset = np.hypot(ys.mean() - (n - 1) / 2, xs.mean() - (n - 1) / 2) / n
    return dict(width=width, height=height, extent=max(width, height),
                diameter=np.sqrt(4 * head.sum() / np.pi) / n, offset=offset,
                p99=np.percentile(hu + 1024, 99))


def summary(stack, label):
    rows = [s for s in (slice_statistics(a) for a in stack) if s is not None]
    print(f"{label}: {len(rows)} of {len(stack)} slices with a head region")
    for key in ("width", "height", "extent", "diameter", "offset", "p99"):
        v = np.array([r[key] for r in rows])
        q = np.percentile(v, [0, 25, 50, 75, 100])
        print(f"  {key:9s} min {q[0]:7.3f}  q25 {q[1]:7.3f}  median {q[2]:7.3f}  q75 {q[3]:7.3f}  max {q[4]:7.3f}")
    print("  per slice extent: " + " ".join(f"{r['extent']:.2f}" for r in rows))
    return rows


def main():
    folder = os.path.join(sys.argv[1], "cranium-ct")
    summary(tifffile.imread(os.path.join(folder, "train-256.tif")), "train-256 (256x256)")
    summary(tifffile.imread(os.path.join(folder, "train.tif")), "train (128x128)")


if __name__ == "__main__":
    main()
