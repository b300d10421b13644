#!/usr/bin/env bash
# Reproduces the bundled brain MRI magnitude prior (src/main/resources/models/colin27-brain-64).
# 1. extract Colin27 axial slices (needs Debian's python3-nibabel, python3-skimage, python3-tifffile, mricron-data)
#    and coronal/sagittal training slabs (`diffprior data`: slabs around the validation planes are left out);
# 2. stage 1: 2500 steps of 8 random 64x64 axial crops from random weights (about 25 minutes on 2 cores);
# 3. stage 2: 4000 steps of 4 whole 128x128 slices of all three orientations, started from stage 1
#    (--init-from, about 30 minutes): the network sees whole heads in every orientation, which helps most at
#    high acceleration, without learning one orientation's layout only;
# 4. copy model.json, weights.bin and loss-curve.png into the resources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
/usr/bin/python3 scripts/training/extract_colin27_slices.py data/colin27-128 128
bin/diffprior data --out data/colin27-orientations --sizes 128 --no-dicom
mkdir -p data/colin27-3o
cp data/colin27-128/train.tif data/colin27-3o/axial_train.tif
cp data/colin27-orientations/colin27/train/coronal_128.tif data/colin27-3o/coronal_train.tif
cp data/colin27-orientations/colin27/train/sagittal_128.tif data/colin27-3o/sagittal_train.tif
card=(--name colin27-brain-64
  --description "Brain MRI magnitude prior (T1, 1 mm), v-prediction U-Net, for 64x64 to 256x256 images scaled to [0, 1]"
  --licence "Colin27 template, redistributed in Debian's mricron-data package; see /usr/share/doc/mricron-data/copyright")
bin/diffprior train --images data/colin27-128/train.tif --validation data/colin27-128/val.tif \
  --out data/models/colin27-brain-64-stage1 --size 64 --steps "${STEPS1:-2500}" --batch 8 --learning-rate 7e-4 \
  --training-data "Colin27 single-subject T1 template (MRIcron ch2.nii.gz), axial slices 20-159 resized to 128x128, slices 92-107 held out" \
  "${card[@]}"
bin/diffprior train --images data/colin27-3o --validation data/colin27-128/val.tif \
  --out data/models/colin27-brain-64 --size 128 --steps "${STEPS2:-4000}" --batch 4 --learning-rate 2e-4 \
  --init-from data/models/colin27-brain-64-stage1 \
  --training-data "Colin27 single-subject T1 template (MRIcron ch2.nii.gz), 128x128: axial slices 20-159 without 92-107 (64x64 crops, then whole slices), and the coronal and sagittal training slabs of 'diffprior data' (validation slabs with a 4-plane guard left out)" \
  "${card[@]}"
mkdir -p src/main/resources/models/colin27-brain-64
cp data/models/colin27-brain-64/{model.json,weights.bin,loss-curve.png} src/main/resources/models/colin27-brain-64/
