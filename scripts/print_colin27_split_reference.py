#!/usr/bin/python3
"""Prints which Colin27 planes are not nearly empty, for TrainingDataTest: robust max = 99.5th percentile
(nearest rank) of non-zero voxels; a plane is kept when at least 10 % of its pixels exceed 0.2 x that.
Run with Debian's python3 (python3-nibabel):  /usr/bin/python3 scripts/print_colin27_split_reference.py
"""
import nibabel as nib
import numpy as np

data = np.asarray(nib.load("/usr/share/mricron/templates/ch2.nii.gz").dataobj, dtype=np.float32)
nonzero = np.sort(data[data != 0])
robust_max = nonzero[int(np.ceil(0.995 * nonzero.size)) - 1]
print("robust max", robust_max)
for axis, name in [(2, "axial"), (1, "coronal"), (0, "sagittal")]:
    fraction = (np.moveaxis(data, axis, 0) > 0.2 * robust_max).mean(axis=(1, 2))
    kept = np.nonzero(fraction >= 0.1)[0]
    print(f"{name}: {kept.size} planes kept, indices {kept.min()}..{kept.max()}")
