#!/usr/bin/env bash
# Reproduces the bundled brain MRI magnitude prior (src/main/resources/models/colin27-brain-64).
# 1. extract Colin27 axial slices (needs Debian's python3-nibabel, python3-skimage, python3-tifffile, mricron-data)
# 2. train ~2500 steps of 8 random 64x64 crops on the CPU (about 25 minutes on 2 cores)
# 3. copy model.json, weights.bin and loss-curve.png into the resources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
/usr/bin/python3 scripts/training/extract_colin27_slices.py data/colin27-128 128
bin/diffprior train --images data/colin27-128/train.tif --validation data/colin27-128/val.tif \
  --out data/models/colin27-brain-64 --size 64 --steps "${STEPS:-2500}" --batch 8 --learning-rate 7e-4 \
  --name colin27-brain-64 \
  --description "Brain MRI magnitude prior (T1, 1 mm, axial), v-prediction U-Net, for 64x64 to 128x128 images scaled to [0, 1]" \
  --training-data "Colin27 single-subject T1 template (MRIcron ch2.nii.gz), axial slices 20-159 resized to 128x128, slices 92-107 held out (95-104 used for validation)" \
  --licence "Colin27 template, redistributed in Debian's mricron-data package; see /usr/share/doc/mricron-data/copyright" \
  "$@"
mkdir -p src/main/resources/models/colin27-brain-64
cp data/models/colin27-brain-64/{model.json,weights.bin,loss-curve.png} src/main/resources/models/colin27-brain-64/
