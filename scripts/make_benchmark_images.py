#!/usr/bin/python3
"""Validation and test images of the honest benchmark (org.diffprior.bench.HonestBenchmark), from DATA.md
sources only, split by subject so that nothing the benchmark reports was tuned on:

  validation/  (weights, start noise, steps are chosen here)
      Colin27 axial planes 100, 104 (the slab held out from the bundled priors' training; same processing)
      heudiconv axasc35: subject A, axial EPI, five 64x64 mosaic tiles (12, 15, 20, 24, 28) resized to 128x128
      InVesalius Cranium CT: slices 15, 22 and 30 (of 108), resized to 128x128
  test/        (reported)
      heudiconv b0dwiForFmap: subject B, b0 EPI, four 152x150 mosaic tiles padded to 152x152, 128x128 and 256x256
      InVesalius Cranium CT: slices 50 and 65 (20+ slices, 22 mm, from the validation slices) at 128x128, slice 58 at 256x256

MRI objects are the image values in [0, 1] (99.5th percentile, clipped); CT slices are (HU + 1024) / 3000,
clipped to [0, 1], i.e. an attenuation map. No subject, slice or orientation of the test set is in the
validation set or in the bundled priors' training data (Colin27 axial 20-92 and 108-160, synthetic CT
phantoms, skimage photographs).

Usage: /usr/bin/python3 scripts/make_benchmark_images.py [OUT_DIR]   (default data/benchmark)
Needs Debian packages mricron-data heudiconv invesalius-examples python3-pydicom python3-skimage
python3-nibabel python3-tifffile.
"""
import io
import os
import sys
import tarfile

import numpy as np
import pydicom
import tifffile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from image_prep import sized, to_unit as normalised  # noqa: E402

HEUDICONV = "/usr/lib/python3/dist-packages/heudiconv/tests/data"
CRANIUM = "/usr/share/doc/invesalius-examples/examples/Cranium.inv3"
COLIN = "test-images/colin27_heldout_axial{:03d}_128.tif"


def mosaic_tiles(path):
    d = pydicom.dcmread(path)
    count = int(d[0x0019, 0x100a].value)
    rows, cols = int(d.AcquisitionMatrix[0] or d.AcquisitionMatrix[1]), int(d.AcquisitionMatrix[3] or d.AcquisitionMatrix[2])
    pixels = d.pixel_array
    per_row = int(np.ceil(np.sqrt(count)))
    th, tw = pixels.shape[0] // per_row, pixels.shape[1] // per_row
    tiles = [pixels[(i // per_row) * th:(i // per_row + 1) * th, (i % per_row) * tw:(i % per_row + 1) * tw]
             for i in range(count)]
    return tiles


def cranium():
    with tarfile.open(CRANIUM) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("matrix.dat"))
        raw = tar.extractfile(member).read()
    return np.frombuffer(raw, dtype="<i2").reshape(108, 256, 256).astype(np.float64)


def ct_attenuation(slice_hu):
    return np.clip((slice_hu + 1024) / 3000, 0, 1)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "data/benchmark"
    for part in ("validation", "test"):
        os.makedirs(os.path.join(out, part), exist_ok=True)

    def save(part, name, image):
        tifffile.imwrite(os.path.join(out, part, name + ".tif"), image.astype(np.float32), photometric="minisblack")

    for plane in (100, 104):
        save("validation", f"colin27-axial{plane}-128", tifffile.imread(COLIN.format(plane)))
    tiles_a = mosaic_tiles(os.path.join(HEUDICONV, "axasc35.dcm"))
    # Colin27 is the bundled priors' subject: the other eight images keep the defaults from leaning on it.
    for t in (12, 15, 20, 24, 28):
        save("validation", f"epi-a-tile{t:02d}-128", sized(normalised(tiles_a[t]), 128))
    volume = cranium()
    for s in (15, 22, 30):
        save("validation", f"ct-cranium-slice{s:03d}-128", sized(ct_attenuation(volume[s]), 128))

    tiles_b = mosaic_tiles(os.path.join(HEUDICONV, "b0dwiForFmap", "b0dwi_for_fmap+00001.dcm"))
    for t in (30, 40, 50):
        save("test", f"epi-b-tile{t:02d}-128", sized(normalised(tiles_b[t]), 128))
    save("test", "epi-b-tile45-256", sized(normalised(tiles_b[45]), 256))
    for s in (50, 65):
        save("test", f"ct-cranium-slice{s:03d}-128", sized(ct_attenuation(volume[s]), 128))
    save("test", "ct-cranium-slice058-256", ct_attenuation(volume[58]).astype(np.float32))
    print("benchmark images in", out, ":", sorted(os.listdir(os.path.join(out, "validation"))),
          sorted(os.listdir(os.path.join(out, "test"))))


if __name__ == "__main__":
    main()
