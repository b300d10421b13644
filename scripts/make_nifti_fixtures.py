#!/usr/bin/python3
"""Writes tiny NIfTI-1 fixtures with nibabel for NiftiTest (src/test/resources/org/diffprior/io/nifti/).

Every volume is 4 x 3 x 2 voxels (i, j, k) with raw value v = i + 4*j + 12*k (+ offset for signed
types), stored in one datatype; the Java test recomputes the expected physical value as
raw * scl_slope + scl_inter from the same formula.  Run with Debian's python3 (python3-nibabel):
    /usr/bin/python3 scripts/make_nifti_fixtures.py
"""
import gzip
import os

import nibabel as nib
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "org", "diffprior", "io", "nifti")
os.makedirs(OUT, exist_ok=True)

i, j, k = np.meshgrid(np.arange(4), np.arange(3), np.arange(2), indexing="ij")
base = (i + 4 * j + 12 * k).astype(np.float64)  # 0 .. 23

# name, numpy dtype (with byte order), raw offset, slope, intercept, pixdim
CASES = [
    ("uint8", "<u1", 0, None, None, (1.0, 1.0, 1.0)),
    ("int16_scaled", "<i2", -10, 2.0, -3.0, (0.5, 0.75, 2.0)),
    ("int16_bigendian", ">i2", -10, 0.5, 100.0, (1.0, 1.0, 1.0)),
    ("int32", "<i4", -100000, None, None, (1.0, 1.0, 1.0)),
    ("float32", "<f4", -7.25, None, None, (1.0, 1.0, 1.0)),
    ("float64_bigendian", ">f8", 0.125, None, None, (1.0, 1.0, 1.0)),
]

for name, dtype, offset, slope, inter, pixdim in CASES:
    raw = (base + offset).astype(dtype)
    header = nib.Nifti1Header(endianness=dtype[0])
    header.set_data_dtype(np.dtype(dtype))
    image = nib.Nifti1Image(raw, np.diag([*pixdim, 1.0]), header=header)
    image.header.set_zooms(pixdim)
    if slope is not None:
        image.header.set_slope_inter(slope, inter)
    path = os.path.join(OUT, name + ".nii")
    nib.save(image, path)
    check = nib.load(path)
    assert check.header.endianness == dtype[0], (name, check.header.endianness)
    print(f"{name}.nii: dtype={check.get_data_dtype()} endianness={check.header.endianness} "
          f"stored slope/inter={check.dataobj.slope}/{check.dataobj.inter} pixdim={check.header.get_zooms()} "
          f"value[3,2,1]={np.asarray(check.dataobj, dtype=np.float64)[3, 2, 1]}")

# The same int16 scaled volume gzip-compressed, as .nii.gz files usually come.
with open(os.path.join(OUT, "int16_scaled.nii"), "rb") as src, gzip.GzipFile(os.path.join(OUT, "int16_scaled.nii.gz"), "wb", mtime=0) as dst:
    dst.write(src.read())
print("int16_scaled.nii.gz: gzip of int16_scaled.nii")
