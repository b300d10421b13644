#!/usr/bin/env bash
# Reproduces the universal MRI magnitude prior: the bundled Colin27 prior fine-tuned on whole 128x128 and
# 256x256-scale slices of Colin27 T1, EPI subject A and permissively licensed greyscale photographs
# (scripts/training/make_universal_data.py), validated on the honest benchmark's validation images
# (scripts/make_benchmark_images.py). EPI subject B and the InVesalius CT (the benchmark's test set) are never
# seen. STEPS (default 6000), OUT, PACKAGES (where lomiri-wallpapers-16.04 is unpacked) and RESUME may be set.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
cd "$root"
out="${OUT:-/work/ckpt/universal-mri-128}"
packages="${PACKAGES:-/}"
if [ ! -d "$packages/usr/share/backgrounds" ]; then
  packages="$(mktemp -d)"
  (cd "$packages" && apt-get download lomiri-wallpapers-16.04 >/dev/null && dpkg-deb -x lomiri-wallpapers-16.04_*.deb .)
fi
/usr/bin/python3 scripts/training/make_universal_data.py data/universal "$packages"
[ -d data/benchmark/validation ] || /usr/bin/python3 scripts/make_benchmark_images.py data/benchmark
# RESUME=1 continues from the checkpoint in $out instead of starting from the bundled prior.
start=(--init-from colin27-brain-64); [ -n "${RESUME:-}" ] && start=(--resume)
bin/diffprior train --images data/universal --validation data/benchmark/validation \
  --out "$out" --size 128 --steps "${STEPS:-6000}" --batch 4 --learning-rate 2e-4 \
  --checkpoint-every 250 "${start[@]}" \
  --name universal-mri-128 \
  --description "MRI magnitude prior (T1 and EPI brain, photographs), v-prediction U-Net, 128x128 and 256x256 slices scaled to [0, 1]" \
  --training-data "Colin27 T1 (MRIcron ch2.nii.gz) axial slices 20-91 and 108-159 at 128x128, every other one at 256x256; heudiconv axasc35 EPI mosaic tiles 0-11 and 24-34 (subject A), 128x128; 128x128 crops at two scales of 27 greyscale photographs: skimage.data (15), lomiri-wallpapers-16.04 (10 CC-BY-4.0/CC0 files), sklearn china.jpg and flower.jpg" \
  --licence "Colin27: BSD-3 (mricron-data); heudiconv test data: Apache-2.0; skimage.data: CC0 / public domain; lomiri-wallpapers-16.04: CC-BY-4.0 (Aitzol Berasategi, freespace, Abhishek Mudgal, Jakkub Mede) and CC0-1.0 (Clements Engelhardt); sklearn images: CC-BY-2.0"
