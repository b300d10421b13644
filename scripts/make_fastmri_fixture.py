#!/usr/bin/python3
"""Writes tiny fastMRI-style HDF5 fixtures with h5py for FastMriFilesTest
(src/test/resources/org/diffprior/io/fastmri/).

fastMRI stores k-space as complex64 'kspace' [slices, coils, rows, cols] (multi-coil) or
[slices, rows, cols] (single-coil) plus a float32 'reconstruction_rss' / 'reconstruction_esc'
[slices, rows', cols'] and file attributes such as 'max'. Values follow formulas the Java test
recomputes (every index contributes differently, so a transposed read cannot pass):
    kspace[s, c, r, x]       = (1000 s + 100 c + 10 r + x + 0.25) + 1j * -(s + 2 c + 3 r + 5 x + 0.5)
    reconstruction[s, r, x]  = 100 s + 10 r + x + 0.5
Run with Debian's python3 (python3-h5py):  /usr/bin/python3 scripts/make_fastmri_fixture.py
"""
import os

import h5py
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "org", "diffprior", "io", "fastmri")
os.makedirs(OUT, exist_ok=True)

SLICES, COILS, ROWS, COLS = 2, 3, 6, 5
s, c, r, x = np.meshgrid(np.arange(SLICES), np.arange(COILS), np.arange(ROWS), np.arange(COLS), indexing="ij")
multi = ((1000 * s + 100 * c + 10 * r + x + 0.25) - 1j * (s + 2 * c + 3 * r + 5 * x + 0.5)).astype(np.complex64)
single = multi[:, 0]  # the coil-0 values: formula with c = 0
s3, r3, x3 = np.meshgrid(np.arange(SLICES), np.arange(4), np.arange(3), indexing="ij")
reconstruction = (100 * s3 + 10 * r3 + x3 + 0.5).astype(np.float32)

with h5py.File(os.path.join(OUT, "multicoil.h5"), "w") as f:
    f.create_dataset("kspace", data=multi)
    f.create_dataset("reconstruction_rss", data=reconstruction)
    f.attrs["acquisition"] = "CORPD_FBK"
    f.attrs["max"] = float(reconstruction.max())

# Chunked and deflate-compressed, as some converted files are: jhdf must decompress it.
with h5py.File(os.path.join(OUT, "singlecoil_chunked.h5"), "w") as f:
    f.create_dataset("kspace", data=single, chunks=(1, ROWS, COLS), compression="gzip")
    f.create_dataset("reconstruction_esc", data=reconstruction)

# A file without k-space, for the error path.
with h5py.File(os.path.join(OUT, "no_kspace.h5"), "w") as f:
    f.create_dataset("image", data=reconstruction)

# k-space stored as float32 instead of complex64: must be refused with a clear message.
with h5py.File(os.path.join(OUT, "real_kspace.h5"), "w") as f:
    f.create_dataset("kspace", data=np.real(multi).astype(np.float32))

for name in sorted(os.listdir(OUT)):
    with h5py.File(os.path.join(OUT, name), "r") as f:
        print(name, {k: (f[k].shape, str(f[k].dtype)) for k in f.keys()}, dict(f.attrs))
print("multicoil kspace[1, 2, 4, 3] =", multi[1, 2, 4, 3])
