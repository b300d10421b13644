#!/usr/bin/python3
"""Training data of the universal MRI magnitude prior (scripts/training/train_universal_prior.sh): several
subjects, contrasts and resolutions, and photographs for structure a single brain does not have. Only
../shared/DATA.md sources with permissive licences, so that the weights carry no copyleft terms
(GPL-2 CT, GPL-2+ and CC-BY-SA photographs, GPL-3+ ultrasound are left out on purpose; see LICENSE).

  colin27-128.tif  Colin27 T1 axial slices 20-91 and 108-159 (the bundled brain prior's training slabs),
                   128x128                                                    BSD-3 (mricron-data)
  colin27-256.tif  the same slabs, every other slice, 256x256: structure at the scale of 256-pixel slices
  epi-a.tif        heudiconv axasc35 (EPI subject A) mosaic tiles 0-11 and 24-34, 64x64 resized to 128x128,
                   three copies; tiles 12-23 are left out (3 either side of the validation tiles 15 and 20)
                                                                              Apache-2.0 (heudiconv)
  photos.tif       greyscale photographs, 128x128 crops at two scales (short side 256 and 512), 4 each:
                   skimage.data (CC0 / public domain), lomiri-wallpapers-16.04 CC-BY-4.0 and CC0 files,
                   sklearn china.jpg and flower.jpg (CC-BY-2.0)

Held out from all of it: the honest benchmark's validation images (Colin27 axial 100 and 104, EPI-A tiles 15
and 20, Cranium slice 30) and its test set (EPI subject B, heudiconv b0dwiForFmap; Cranium CT). All images
are scaled to [0, 1] (99.5th percentile, clipped).

Usage: /usr/bin/python3 scripts/training/make_universal_data.py OUT_DIR [PACKAGE_ROOT]
PACKAGE_ROOT is where lomiri-wallpapers-16.04 is installed or unpacked (default /; `apt-get download
lomiri-wallpapers-16.04 && dpkg-deb -x lomiri-wallpapers-16.04_*.deb ROOT` unpacks it without installing).
"""
import os
import sys

import nibabel as nib
import numpy as np
import pydicom
import skimage.data
import skimage.io
import tifffile
from skimage.color import rgb2gray
from skimage.transform import resize

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from image_prep import sized, to_unit  # noqa: E402

COLIN = "/usr/share/mricron/templates/ch2.nii.gz"
EPI_A = "/usr/lib/python3/dist-packages/heudiconv/tests/data/axasc35.dcm"
SKIMAGE = ["astronaut", "brick", "grass", "gravel", "coffee", "chelsea", "rocket", "hubble_deep_field", "coins",
           "text", "cell", "retina", "microaneurysms", "horse", "camera"]
# lomiri-wallpapers-16.04 files whose copyright entry is CC-BY-4.0 or CC0-1.0 (the CC-BY-SA ones are left out).
LOMIRI = ["aitzgorri_by_Aitzol_Berasategi", "friends_by_Aitzol_Berasategi", "life_by_Aitzol_Berasategi",
          "picosdeeuropa_by_Aitzol_Berasategi", "Picture_0B_by_freespace", "Picture_1A_by_freespace",
          "sunset_by_Aitzol_Berasategi", "umang_by_Abhishek_Mudgal", "Wine_by_Jakkub_Mede",
          "seeding_by_Clements_Engelhardt"]
SKLEARN = "/usr/lib/python3/dist-packages/sklearn/datasets/images"


def grey_unit(image):
    image = np.asarray(image)
    if image.ndim == 3:
        image = rgb2gray(image[..., :3])
    return to_unit(image.astype(np.float64))


def crops(grey, rng, short_side, count, size=128):
    h, w = grey.shape
    scale = short_side / min(h, w)
    scaled = to_unit(resize(grey, (round(h * scale), round(w * scale)), anti_aliasing=True))
    out = []
    for _ in range(count):
        y = rng.integers(0, scaled.shape[0] - size + 1)
        x = rng.integers(0, scaled.shape[1] - size + 1)
        out.append(scaled[y:y + size, x:x + size])
    return out


def write(out, name, planes):
    tifffile.imwrite(os.path.join(out, name), np.stack(planes).astype(np.float32), photometric="minisblack")


def main():
    out = sys.argv[1]
    packages = sys.argv[2] if len(sys.argv) > 2 else "/"
    os.makedirs(out, exist_ok=True)
    vol = nib.load(COLIN).get_fdata()
    vol /= vol.max()
    slabs = list(range(20, 92)) + list(range(108, 160))
    write(out, "colin27-128.tif", [sized(np.rot90(vol[:, :, z])) for z in slabs])
    write(out, "colin27-256.tif", [sized(np.rot90(vol[:, :, z]), 256) for z in slabs[::2]])

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
    write(out, "epi-a.tif", epi * 3)

    rng = np.random.default_rng(0)
    photos = [grey_unit(getattr(skimage.data, name)()) for name in SKIMAGE]
    lomiri = os.path.join(packages, "usr/share/backgrounds")
    photos += [grey_unit(skimage.io.imread(os.path.join(lomiri, name + ".jpg"))) for name in LOMIRI]
    photos += [grey_unit(skimage.io.imread(os.path.join(SKLEARN, name))) for name in ("china.jpg", "flower.jpg")]
    planes = []
    for grey in photos:
        for short_side in (256, 512):
            planes += crops(grey, rng, short_side, 4)
    write(out, "photos.tif", planes)
    print(f"{len(slabs)} + {len(slabs[::2])} Colin27, {len(epi)} EPI-A, {len(planes)} crops of {len(photos)} "
          f"photographs in {out}")


if __name__ == "__main__":
    main()
