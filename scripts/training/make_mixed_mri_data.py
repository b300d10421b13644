#!/usr/bin/python3
"""Training data of the mixed MRI magnitude prior (scripts/training/train_mixed_mri_prior.sh): more than one
subject, contrast and kind of structure, so that the prior is less tied to Colin27's T1 contrast.

  colin27.tif   Colin27 T1 axial slices 20-91 and 108-159 (the bundled brain prior's training slabs), 128x128
  epi-a.tif     heudiconv axasc35 (EPI subject A): mosaic tiles 0-11 and 24-34, 64x64 resized to 128x128;
                tiles 12-23 are left out, 3 tiles either side of the benchmark's validation tiles 15 and 20
  photos.tif    skimage.data greyscale photographs and textures (CC0 / public domain), four 128x128 crops each
                of the image resized to 256 on its short side

Held out from all of it (the honest benchmark's test set): EPI subject B (heudiconv b0dwiForFmap) and the
InVesalius Cranium CT. All images are scaled to [0, 1] (99.5th percentile, clipped).

Usage: /usr/bin/python3 scripts/training/make_mixed_mri_data.py OUT_DIR
"""
import os
import sys

import nibabel as nib
import numpy as np
import pydicom
import skimage.data
import tifffile
from skimage.color import rgb2gray
from skimage.transform import resize

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from image_prep import sized, to_unit  # noqa: E402

COLIN = "/usr/share/mricron/templates/ch2.nii.gz"
EPI_A = "/usr/lib/python3/dist-packages/heudiconv/tests/data/axasc35.dcm"
PHOTOS = ["astronaut", "brick", "grass", "gravel", "coffee", "chelsea", "rocket", "hubble_deep_field", "coins",
          "text", "cell", "retina", "camera"]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    vol = nib.load(COLIN).get_fdata()
    vol /= vol.max()
    colin = [sized(np.rot90(vol[:, :, z])) for z in list(range(20, 92)) + list(range(108, 160))]
    tifffile.imwrite(os.path.join(out, "colin27.tif"), np.stack(colin).astype(np.float32), photometric="minisblack")

    d = pydicom.dcmread(EPI_A)
    pixels = d.pixel_array
    count = int(d[0x0019, 0x100a].value)
    per_row = int(np.ceil(np.sqrt(count)))
    th, tw = pixels.shape[0] // per_row, pixels.shape[1] // per_row
    epi = []
    for t in list(range(0, 12)) + list(range(24, count)):
        tile = pixels[(t // per_row) * th:(t // per_row + 1) * th, (t % per_row) * tw:(t % per_row + 1) * tw]
        if tile.max() > 0.2 * pixels.max():
            epi.append(sized(to_unit(tile)))
    # Three copies: 23 EPI tiles beside 124 Colin27 slices would otherwise be a small part of each batch.
    tifffile.imwrite(os.path.join(out, "epi-a.tif"), np.stack(epi * 3).astype(np.float32), photometric="minisblack")

    rng = np.random.default_rng(0)
    photos = []
    for name in PHOTOS:
        image = getattr(skimage.data, name)()
        grey = rgb2gray(image) if image.ndim == 3 else image.astype(np.float64)
        h, w = grey.shape
        scale = 256 / min(h, w)
        grey = to_unit(resize(grey, (round(h * scale), round(w * scale)), anti_aliasing=True))
        for _ in range(4):
            y = rng.integers(0, grey.shape[0] - 128 + 1)
            x = rng.integers(0, grey.shape[1] - 128 + 1)
            photos.append(grey[y:y + 128, x:x + 128])
    tifffile.imwrite(os.path.join(out, "photos.tif"), np.stack(photos).astype(np.float32), photometric="minisblack")
    print(f"{len(colin)} Colin27, {len(epi)} EPI-A, {len(photos)} photo crops in {out}")


if __name__ == "__main__":
    main()
