#!/usr/bin/python3
"""Prints reference values for NiftiTest: shape, pixdim and voxel values of the Colin27 template
(Debian package mricron-data) as read by nibabel (scaling applied, voxel indices i, j, k).

Run with Debian's python3 (python3-nibabel):  /usr/bin/python3 scripts/print_nifti_reference.py
"""
import nibabel as nib
import numpy as np

PATH = "/usr/share/mricron/templates/ch2.nii.gz"
VOXELS = [(0, 0, 0), (90, 108, 90), (60, 100, 80), (120, 150, 100), (45, 30, 60), (180, 216, 180), (100, 50, 120)]

image = nib.load(PATH)
data = np.asarray(image.dataobj, dtype=np.float64)  # applies scl_slope/scl_inter when set
print(f"{PATH}: shape={data.shape} dtype={image.get_data_dtype()} pixdim={image.header['pixdim'][1:4].tolist()} "
      f"slope/inter={image.header.get_slope_inter()}")
print(f"  sum={data.sum()} max={data.max()}")
for i, j, k in VOXELS:
    print(f"  value[i={i}, j={j}, k={k}] = {data[i, j, k]}")
# Sums of one slice per orientation, to check slice extraction independently of orientation flips.
print(f"  sum axial k=90: {data[:, :, 90].sum()}  coronal j=108: {data[:, 108, :].sum()}  sagittal i=90: {data[90, :, :].sum()}")
