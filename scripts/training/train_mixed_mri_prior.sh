#!/usr/bin/env bash
# Reproduces the mixed MRI magnitude prior: the bundled Colin27 prior fine-tuned on whole 128x128 slices of
# Colin27 T1, EPI subject A and greyscale photographs (scripts/training/make_mixed_mri_data.py), validated on
# the honest benchmark's validation images (scripts/make_benchmark_images.py). EPI subject B and the
# InVesalius CT (the benchmark's test set) are never seen. STEPS (default 6000), OUT and RESUME may be set.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
cd "$root"
out="${OUT:-/work/ckpt/mixed-mri-128}"
/usr/bin/python3 scripts/training/make_mixed_mri_data.py data/mixed-mri
[ -d data/benchmark/validation ] || /usr/bin/python3 scripts/make_benchmark_images.py data/benchmark
# RESUME=1 continues from the checkpoint in $out instead of starting from the bundled prior.
start=(--init-from colin27-brain-64); [ -n "${RESUME:-}" ] && start=(--resume)
bin/diffprior train --images data/mixed-mri --validation data/benchmark/validation \
  --out "$out" --size 128 --steps "${STEPS:-6000}" --batch 4 --learning-rate 2e-4 \
  --checkpoint-every 250 "${start[@]}" \
  --name mixed-mri-128 \
  --description "MRI magnitude prior (T1 and EPI brain, photographs), v-prediction U-Net, 128x128 slices scaled to [0, 1]" \
  --training-data "Colin27 T1 (MRIcron ch2.nii.gz) axial slices 20-91 and 108-159; heudiconv axasc35 EPI mosaic tiles 0-11 and 24-34 (subject A); skimage.data greyscale photographs, 4 crops each; all 128x128" \
  --licence "Colin27: BSD-3 (mricron-data); heudiconv test data: Apache-2.0; skimage.data images: CC0 / public domain"
