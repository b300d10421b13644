#!/usr/bin/env bash
# Reproduces the bundled general grey-scale prior (src/main/resources/models/general-grey-64).
# 1. scikit-image sample images (python3-skimage), 'camera' held out; Colin27 slices of three orientations and
#    synthetic CT phantoms as the brain and CT priors' scripts make them;
# 2. stage 1: 1200 steps of 8 random 64x64 crops of the photographs from random weights (about 10 minutes);
# 3. stage 2: 3000 steps of 6 random 96x96 crops of a mix (each photograph 6 times, every third brain slice
#    and CT phantom), started from stage 1 (--init-from, about 25 minutes), so the default SR prior also
#    knows medical images;
# 4. copy model.json, weights.bin and loss-curve.png into the resources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
/usr/bin/python3 scripts/training/extract_skimage_grey.py data/skimage-grey
/usr/bin/python3 scripts/training/extract_colin27_slices.py data/colin27-128 128
bin/diffprior data --out data/colin27-orientations --sizes 128 --no-dicom
/usr/bin/python3 scripts/training/make_ct_phantoms.py data/ct-phantoms-128 400 16
/usr/bin/python3 - <<'PY'
import glob, os
import numpy as np, tifffile
out = "data/general-mix"
os.makedirs(out, exist_ok=True)
stacks = {"brain_axial": "data/colin27-128/train.tif",
          "brain_coronal": "data/colin27-orientations/colin27/train/coronal_128.tif",
          "brain_sagittal": "data/colin27-orientations/colin27/train/sagittal_128.tif",
          "ct_phantoms": "data/ct-phantoms-128/train.tif"}
for name, path in stacks.items():
    tifffile.imwrite(f"{out}/{name}.tif", tifffile.imread(path)[::3].astype(np.float32), photometric="minisblack")
for f in sorted(glob.glob("data/skimage-grey/train/*.tif")):
    for r in range(6):  # the sampler draws images uniformly: repeat the photographs to balance the mix
        dst = f"{out}/photo_{r}_{os.path.basename(f)}"
        if not os.path.lexists(dst):
            os.symlink(os.path.abspath(f), dst)
PY
card=(--name general-grey-64
  --description "General grey-scale image prior (photographs, textures, microscopy, brain MRI, CT), v-prediction U-Net, images scaled to [0, 1]; small training set: a starting point for super-resolution, not a state-of-the-art prior"
  --licence "scikit-image sample images: public domain or CC0 per skimage.data docstrings; Colin27 template from Debian's mricron-data (see /usr/share/doc/mricron-data/copyright); synthetic CT phantoms from the committed script")
bin/diffprior train --images data/skimage-grey/train --validation data/skimage-grey/val \
  --out data/models/general-grey-64-stage1 --size 64 --steps "${STEPS1:-1200}" --batch 8 --learning-rate 7e-4 \
  --training-data "scikit-image sample images (astronaut, brick, grass, gravel, coffee, chelsea, rocket, hubble_deep_field, coins, text, cell, retina, microaneurysms, horse) converted to grey; camera held out" \
  "${card[@]}"
bin/diffprior train --images data/general-mix --validation data/skimage-grey/val \
  --validation data/colin27-128/val.tif --validation data/ct-phantoms-128/val.tif \
  --out data/models/general-grey-64 --size 96 --steps "${STEPS2:-3000}" --batch 6 --learning-rate 2e-4 \
  --init-from data/models/general-grey-64-stage1 \
  --training-data "scikit-image sample images (14, camera held out), every third Colin27 training slice of three orientations (held-out slabs left out) and every third of 400 synthetic CT phantoms" \
  "${card[@]}"
mkdir -p src/main/resources/models/general-grey-64
cp data/models/general-grey-64/{model.json,weights.bin,loss-curve.png} src/main/resources/models/general-grey-64/
