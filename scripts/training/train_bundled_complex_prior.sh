#!/usr/bin/env bash
# Reproduces the bundled complex MRI prior (src/main/resources/models/colin27-complex-64): Colin27 slices
# with a smooth synthetic phase (real/imaginary planes), 1200 steps of 8 random 64x64 crops on the CPU.
# The bundled run: 750 steps at learning rate 7e-4 (the NaN guard stopped the first attempt at step 767 on
# a non-finite gradient), then --resume from the step-750 checkpoint at 3e-4 to step 1200 (~19 min in all).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
/usr/bin/python3 scripts/training/extract_colin27_slices.py data/colin27-128 128
/usr/bin/python3 scripts/training/make_complex_colin27.py data/colin27-128 data/colin27-complex-128
train() {
bin/diffprior train --channels 2 --images data/colin27-complex-128/train.tif --validation data/colin27-complex-128/val.tif \
  --out data/models/colin27-complex-64 --size 64 --batch 8 \
  --name colin27-complex-64 \
  --description "Complex MRI prior (real/imaginary), brain T1 magnitude with smooth synthetic phase, v-prediction U-Net, images scaled to magnitude [0, 1]" \
  --training-data "Colin27 single-subject T1 template (MRIcron ch2.nii.gz), axial slices 20-159 resized to 128x128 times a random smooth phase (scripts/training/make_complex_colin27.py); slices 92-107 held out" \
  --licence "Colin27 template, redistributed in Debian's mricron-data package; see /usr/share/doc/mricron-data/copyright" \
  "$@"
}
train --steps 750 --learning-rate 7e-4
train --steps 1200 --learning-rate 3e-4 --resume
mkdir -p src/main/resources/models/colin27-complex-64
cp data/models/colin27-complex-64/{model.json,weights.bin,loss-curve.png} src/main/resources/models/colin27-complex-64/
