#!/usr/bin/env bash
# Reproduces universal-grey-128, the super-resolution default (usable for MRI magnitude with --model; the MRI
# default stays universal-mri-128, see README): universal-mri-128's training
# continued to 3600 steps (scripts/training/train_universal_prior.sh, STEPS=3600; the bundled weights came from
# a run stopped at 2000 steps and resumed, which this reproduces up to the random draw order), then 2400 steps on
# the same data plus every third of 400 synthetic CT phantoms (scripts/training/make_ct_phantoms.py, the
# generator ct-64 is trained on), so that one prior knows brain MRI, photographs and CT-like anatomy. Validated on
# the honest benchmark's validation images only; EPI subject B and the Cranium CT test slices are never seen.
# OUT (default /work/ckpt/universal-grey-128) and PACKAGES (see train_universal_prior.sh) may be set.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
cd "$root"
out="${OUT:-/work/ckpt/universal-grey-128}"
stage1="$out-stage1"
OUT="$stage1" STEPS=3600 bash scripts/training/train_universal_prior.sh
/usr/bin/python3 scripts/training/make_ct_phantoms.py data/ct-phantoms-128 400 16
mkdir -p data/universal-grey
for f in colin27-128 colin27-256 epi-a photos; do ln -sfn "$root/data/universal/$f.tif" "data/universal-grey/$f.tif"; done
/usr/bin/python3 - <<'PY'
import numpy as np, tifffile
phantoms = tifffile.imread("data/ct-phantoms-128/train.tif")[::3].astype(np.float32)  # 134 of 400: about a fifth of the mix
tifffile.imwrite("data/universal-grey/ct-phantoms.tif", phantoms, photometric="minisblack")
PY
bin/diffprior train --images data/universal-grey --validation data/benchmark/validation \
  --out "$out" --size 128 --steps 2400 --batch 4 --learning-rate 2e-4 --checkpoint-every 250 \
  --init-from "$stage1" \
  --name universal-grey-128 \
  --description "Grey-scale prior for MRI magnitude and super-resolution (T1 and EPI brain, CT phantoms, photographs), v-prediction U-Net, 128x128 and 256x256 slices scaled to [0, 1]" \
  --training-data "universal-mri-128's data (Colin27 T1 axial slices 20-91 and 108-159 at 128x128, every other one at 256x256; heudiconv axasc35 EPI mosaic tiles 0-11 and 24-34 (subject A), 128x128; 128x128 crops at two scales of 27 greyscale photographs: skimage.data (15), lomiri-wallpapers-16.04 (10 CC-BY-4.0/CC0 files), sklearn china.jpg and flower.jpg), 3600 steps from colin27-brain-64; then the same data plus 134 synthetic CT phantoms (scripts/training/make_ct_phantoms.py, seed 1), 2400 steps" \
  --licence "Colin27: BSD-3 (mricron-data); heudiconv test data: Apache-2.0; skimage.data: CC0 / public domain; lomiri-wallpapers-16.04: CC-BY-4.0 (Aitzol Berasategi, freespace, Abhishek Mudgal, Jakkub Mede) and CC0-1.0 (Clements Engelhardt); sklearn images: CC-BY-2.0; CT phantoms: synthetic, from the committed script"
mkdir -p src/main/resources/models/universal-grey-128
cp "$out"/{model.json,weights.bin,loss-curve.png} src/main/resources/models/universal-grey-128/
