#!/usr/bin/python3
"""The data step of the priors: every ../shared/DATA.md source turned into float32 TIFF stacks, split by
subject (or by distant slabs, where a source has one subject), with a manifest of sources and licences.

  OUT/<source>/train.tif, val.tif (and test.tif where the honest benchmark reports on it)
  OUT/manifest.json   per source: package, files, what, split rule, plane counts, licence, permissive?

Sources and splits (all images scaled to [0, 1]: MRI and photographs by their 99.5th percentile, CT as the
attenuation map (HU + 1024) / 3000, as the benchmark does):
  colin27        Colin27 T1 axial: train 20-91 and 108-159, val 92-107 (the slab the benchmark validates on)
  epi-a          heudiconv axasc35 (subject A) mosaic tiles: train 0-11 and 24-34, val 12-23
  epi-b          heudiconv b0dwiForFmap (subject B): test only (the benchmark's MRI test subject)
  cranium-ct     InVesalius Cranium head CT, 108 axial slices: train 0-9 and 86-107, val 15-40, test 46-80
                 (the benchmark's validation slice 30 and test slices 50, 58, 65); 5-slice guards
  ultrasound     octave-dicom US-PAL-8-10x-echo, 10 palette frames: train 0-7, val 8-9 (one subject, so the
                 split is in time only)
  photos         greyscale photographs, 128x128 crops at short sides 256 and 512 (4 crops each): skimage.data,
                 lomiri-wallpapers-16.04, mate-backgrounds nature, palapeli-data, libjxl-testdata flower and
                 wesaturate, sklearn china/flower; val = every fifth photograph (whole photographs held out)
Every MRI/CT plane is padded to a square and resized to 128x128 and 256x256 (*-256 files).

Copyleft sources (GPL-2 CT, GPL-2+ mate/palapeli photos, CC-BY-SA lomiri photos, GPL-3+ ultrasound) are
marked permissive=false: the bundled priors are trained only on permissive ones (see NOTICE).

Usage: /usr/bin/python3 scripts/training/make_training_data.py OUT_DIR [PACKAGE_ROOT]
PACKAGE_ROOT holds the packages not installed here, unpacked with `apt-get download P && dpkg-deb -x P.deb
ROOT` (lomiri-wallpapers-16.04 mate-backgrounds palapeli-data libjxl-testdata octave-dicom); default /.
"""
import glob
import io
import json
import os
import sys
import tarfile

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
HEUDICONV = "/usr/lib/python3/dist-packages/heudiconv/tests/data"
CRANIUM = "/usr/share/doc/invesalius-examples/examples/Cranium.inv3"
SKLEARN = "/usr/lib/python3/dist-packages/sklearn/datasets/images"
SKIMAGE = ["astronaut", "brick", "grass", "gravel", "coffee", "chelsea", "rocket", "hubble_deep_field", "coins",
           "text", "cell", "retina", "microaneurysms", "horse", "camera"]
LOMIRI_PERMISSIVE = {"aitzgorri_by_Aitzol_Berasategi", "friends_by_Aitzol_Berasategi", "life_by_Aitzol_Berasategi",
                     "picosdeeuropa_by_Aitzol_Berasategi", "Picture_0B_by_freespace", "Picture_1A_by_freespace",
                     "sunset_by_Aitzol_Berasategi", "umang_by_Abhishek_Mudgal", "Wine_by_Jakkub_Mede",
                     "seeding_by_Clements_Engelhardt"}


def write(out, source, split, planes):
    os.makedirs(os.path.join(out, source), exist_ok=True)
    path = os.path.join(out, source, split + ".tif")
    tifffile.imwrite(path, np.stack(planes).astype(np.float32), photometric="minisblack")
    return len(planes)


def both_sizes(out, source, splits):
    """Writes each split at 128x128 and 256x256; returns plane counts."""
    counts = {}
    for split, planes in splits.items():
        counts[split] = write(out, source, split, [sized(p) for p in planes])
        write(out, source, split + "-256", [sized(p, 256) for p in planes])
    return counts


def mosaic_tiles(path):
    d = pydicom.dcmread(path)
    pixels = d.pixel_array
    count = int(d[0x0019, 0x100a].value)
    per_row = int(np.ceil(np.sqrt(count)))
    th, tw = pixels.shape[0] // per_row, pixels.shape[1] // per_row
    tiles = [pixels[(t // per_row) * th:(t // per_row + 1) * th, (t % per_row) * tw:(t % per_row + 1) * tw]
             for t in range(count)]
    # Tiles past the end of the volume are empty; the lowest slices of a volume hardly carry signal.
    return [to_unit(t) for t in tiles if t.max() > 0.2 * pixels.max()], count


def grey(image):
    image = np.asarray(image)
    if image.ndim == 3:
        image = rgb2gray(image[..., :3])
    return to_unit(image.astype(np.float64))


def crops(image, rng, size=128):
    out = []
    h, w = image.shape
    for short_side in (256, 512):
        if min(h, w) < short_side:
            continue
        scale = short_side / min(h, w)
        scaled = to_unit(resize(image, (round(h * scale), round(w * scale)), anti_aliasing=True))
        for _ in range(4):
            y = rng.integers(0, scaled.shape[0] - size + 1)
            x = rng.integers(0, scaled.shape[1] - size + 1)
            out.append(scaled[y:y + size, x:x + size])
    return out


def photographs(root):
    """(name, image, licence, permissive) of every DATA.md photograph."""
    items = [(f"skimage.{n}", grey(getattr(skimage.data, n)()), "CC0 / public domain", True) for n in SKIMAGE]
    for path in sorted(glob.glob(os.path.join(root, "usr/share/backgrounds/*.jpg"))):
        name = os.path.splitext(os.path.basename(path))[0]
        ok = name in LOMIRI_PERMISSIVE
        items.append((f"lomiri.{name}", grey(skimage.io.imread(path)),
                      ("CC0-1.0" if name.startswith("seeding") else "CC-BY-4.0") if ok else "CC-BY-SA-4.0", ok))
    for path in sorted(glob.glob(os.path.join(root, "usr/share/backgrounds/mate/nature/*.jpg"))):
        items.append((f"mate.{os.path.basename(path)}", grey(skimage.io.imread(path)), "GPL-2+", False))
    for path in sorted(glob.glob(os.path.join(root, "usr/share/palapeli/collection/*.jpg"))):
        items.append((f"palapeli.{os.path.basename(path)}", grey(skimage.io.imread(path)), "GPL-2+", False))
    jxl = os.path.join(root, "usr/share/libjxl-testdata")
    if os.path.exists(os.path.join(jxl, "jxl/flower/flower.png")):
        items.append(("libjxl.flower", grey(skimage.io.imread(os.path.join(jxl, "jxl/flower/flower.png"))),
                      "BSD-3-Clause", True))
    for path in sorted(glob.glob(os.path.join(jxl, "external/wesaturate/500px/*"))):
        items.append((f"libjxl.wesaturate.{os.path.basename(path)}", grey(skimage.io.imread(path)), "CC0", True))
    for name in ("china.jpg", "flower.jpg"):
        items.append((f"sklearn.{name}", grey(skimage.io.imread(os.path.join(SKLEARN, name))), "CC-BY-2.0", True))
    return items


def main():
    out = sys.argv[1]
    root = sys.argv[2] if len(sys.argv) > 2 else "/"
    os.makedirs(out, exist_ok=True)
    manifest = {}

    vol = nib.load(COLIN).get_fdata()
    vol /= vol.max()
    axial = [np.rot90(vol[:, :, z]) for z in range(vol.shape[2])]
    manifest["colin27"] = dict(package="mricron-data", files=[COLIN], what="Colin27 T1 template, axial",
                               split="train z 20-91, 108-159; val z 92-107", licence="BSD-3-Clause",
                               permissive=True, planes=both_sizes(out, "colin27", {
                                   "train": axial[20:92] + axial[108:160], "val": axial[92:108]}))

    tiles_a, _ = mosaic_tiles(os.path.join(HEUDICONV, "axasc35.dcm"))
    # Indices among the kept tiles follow the mosaic order; the split is by position in the volume.
    manifest["epi-a"] = dict(package="heudiconv", files=["tests/data/axasc35.dcm"], what="EPI subject A",
                             split="train tiles 0-11, 24-; val 12-23", licence="Apache-2.0", permissive=True,
                             planes=both_sizes(out, "epi-a", {"train": tiles_a[:12] + tiles_a[24:],
                                                              "val": tiles_a[12:24]}))
    tiles_b = []
    for path in sorted(glob.glob(os.path.join(HEUDICONV, "b0dwiForFmap/*.dcm"))):
        tiles_b += mosaic_tiles(path)[0]
    manifest["epi-b"] = dict(package="heudiconv", files=["tests/data/b0dwiForFmap/*.dcm"], what="EPI subject B",
                             split="test only", licence="Apache-2.0", permissive=True,
                             planes=both_sizes(out, "epi-b", {"test": tiles_b}))

    with tarfile.open(CRANIUM) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("matrix.dat"))
        hu = np.frombuffer(tar.extractfile(member).read(), dtype="<i2").reshape(108, 256, 256).astype(np.float64)
    ct = [np.clip((s + 1024) / 3000, 0, 1) for s in hu]
    manifest["cranium-ct"] = dict(package="invesalius-examples", files=[CRANIUM], what="head CT, attenuation map",
                                  split="train 0-9, 86-107; val 15-40; test 46-80", licence="GPL-2",
                                  permissive=False, planes=both_sizes(out, "cranium-ct", {
                                      "train": ct[:10] + ct[86:], "val": ct[15:41], "test": ct[46:81]}))

    us = glob.glob(os.path.join(root, "usr/share/octave/packages/dicom-*/imdata/US-PAL-8-10x-echo.dcm"))
    if us:
        d = pydicom.dcmread(us[0])
        frames = [grey(f) for f in d.pixel_array] if d.pixel_array.ndim >= 3 else [grey(d.pixel_array)]
        manifest["ultrasound"] = dict(package="octave-dicom", files=[us[0]], what="cardiac ultrasound frames",
                                      split="train 0-7, val 8-9 (time)", licence="GPL-3+", permissive=False,
                                      planes=both_sizes(out, "ultrasound", {"train": frames[:8],
                                                                            "val": frames[8:]}))

    rng = np.random.default_rng(0)
    photos = photographs(root)
    for permissive in (True, False):
        chosen = [p for p in photos if p[3] == permissive]
        source = "photos" if permissive else "photos-copyleft"
        train = [c for i, p in enumerate(chosen) if i % 5 != 4 for c in crops(p[1], rng)]
        val = [c for i, p in enumerate(chosen) if i % 5 == 4 for c in crops(p[1], rng)]
        manifest[source] = dict(files=[p[0] for p in chosen], licences={p[0]: p[2] for p in chosen},
                                what="greyscale photographs, 128x128 crops at two scales",
                                split="val = every fifth photograph", permissive=permissive,
                                planes={"train": write(out, source, "train", train),
                                        "val": write(out, source, "val", val)})

    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    for name, entry in manifest.items():
        print(f"{name:16s} {entry['planes']}  {entry.get('licence', 'per file')}")


if __name__ == "__main__":
    main()
