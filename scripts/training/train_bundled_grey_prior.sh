#!/usr/bin/env bash
# Reproduces the bundled general grey-scale prior (src/main/resources/models/general-grey-64), meant for
# super-resolution of natural/scientific grey-scale images: scikit-image's public-domain/CC0 sample images,
# 1200 steps of 8 random 64x64 crops on the CPU (about 12 minutes on 2 cores); 'camera' held out.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
/usr/bin/python3 scripts/training/extract_skimage_grey.py data/skimage-grey
bin/diffprior train --images data/skimage-grey/train --validation data/skimage-grey/val \
  --out data/models/general-grey-64 --size 64 --steps "${STEPS:-1200}" --batch 8 --learning-rate 7e-4 \
  --name general-grey-64 \
  --description "General grey-scale image prior (photographs, textures, microscopy), v-prediction U-Net, images scaled to [0, 1]; small training set: a starting point for super-resolution, not a state-of-the-art prior" \
  --training-data "scikit-image sample images (astronaut, brick, grass, gravel, coffee, chelsea, rocket, hubble_deep_field, coins, text, cell, retina, microaneurysms, horse) converted to grey; camera held out" \
  --licence "public domain or CC0 per scikit-image's skimage.data docstrings" \
  "$@"
mkdir -p src/main/resources/models/general-grey-64
cp data/models/general-grey-64/{model.json,weights.bin,loss-curve.png} src/main/resources/models/general-grey-64/
