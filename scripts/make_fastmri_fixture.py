#!/usr/bin/python3
"""Writes tiny fastMRI-style HDF5 fixtures with h5py for FastMriFilesTest and the command tests
(src/test/resources/org/diffprior/io/fastmri/; committed, so CI needs no h5py).

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

# Command-level fixtures (FastMriCommandsTest, BatchRunner): seeded random k-space of smooth objects.
rng = np.random.default_rng(14)


def fft2c(image):
    """fastMRI's centred orthonormal 2-D FFT over the last two axes (DESIGN.md section 3)."""
    shifted = np.fft.ifftshift(image, axes=(-2, -1))
    return np.fft.fftshift(np.fft.fft2(shifted, axes=(-2, -1), norm="ortho"), axes=(-2, -1))


def ifft2c(kspace):
    shifted = np.fft.ifftshift(kspace, axes=(-2, -1))
    return np.fft.fftshift(np.fft.ifft2(shifted, axes=(-2, -1), norm="ortho"), axes=(-2, -1))


def center_crop(images, height, width):
    """fastMRI's crop: start (size - crop) // 2 on each axis."""
    top = (images.shape[-2] - height) // 2
    left = (images.shape[-1] - width) // 2
    return images[..., top:top + height, left:left + width]


def smooth_objects(slices, coils, rows, cols):
    y, x = np.meshgrid(np.linspace(-1, 1, rows), np.linspace(-1, 1, cols), indexing="ij")
    out = np.zeros((slices, coils, rows, cols), np.complex128)
    for s in range(slices):
        body = np.exp(-((x / 0.6) ** 2 + (y / (0.5 + 0.1 * s)) ** 2) * 2) + 0.3 * (x ** 2 + y ** 2 < 0.1)
        for c in range(coils):
            coil = np.exp(-((x - np.cos(c)) ** 2 + (y - np.sin(c)) ** 2)) * np.exp(1j * (c + x))
            out[s, c] = body * coil + 0.01 * rng.standard_normal((rows, cols))
    return out


# Fully sampled multi-coil (train/val style): 2 slices, 4 coils, 24 x 20 with one zero column of padding at each
# edge, and reconstruction_rss = |coil images| root-sum-of-squares cropped to 16 x 16 as fastMRI crops to 320 x 320.
full = fft2c(smooth_objects(2, 4, 24, 20))
full[..., 0] = 0
full[..., -1] = 0
full = full.astype(np.complex64)
rss = np.sqrt((np.abs(ifft2c(full.astype(np.complex128))) ** 2).sum(axis=1))
with h5py.File(os.path.join(OUT, "full_multicoil.h5"), "w") as f:
    f.create_dataset("kspace", data=full)
    f.create_dataset("reconstruction_rss", data=center_crop(rss, 16, 16).astype(np.float32))
    f.attrs["acquisition"] = "CORPD_FBK"
    f.attrs["max"] = float(rss.max())

# Undersampled multi-coil (test style): every third column outside 8 centre columns kept, the rest zero; the
# fastMRI test files' 'mask' dataset (bool per column) in one file, none in the other.
under = fft2c(smooth_objects(2, 3, 16, 16))
columns = np.zeros(16, bool)
columns[::3] = True
columns[4:12] = True
under[..., ~columns] = 0
under = under.astype(np.complex64)
with h5py.File(os.path.join(OUT, "undersampled_mask.h5"), "w") as f:
    f.create_dataset("kspace", data=under)
    f.create_dataset("mask", data=columns)
    f.attrs["acceleration"] = 16 / columns.sum()
with h5py.File(os.path.join(OUT, "undersampled_nomask.h5"), "w") as f:
    f.create_dataset("kspace", data=under)

# Bad files for the commands: k-space of rank 2, a mask of the wrong length.
with h5py.File(os.path.join(OUT, "rank2_kspace.h5"), "w") as f:
    f.create_dataset("kspace", data=under[0, 0])
with h5py.File(os.path.join(OUT, "bad_mask.h5"), "w") as f:
    f.create_dataset("kspace", data=under)
    f.create_dataset("mask", data=columns[:10])

for name in sorted(os.listdir(OUT)):
    with h5py.File(os.path.join(OUT, name), "r") as f:
        print(name, {k: (f[k].shape, str(f[k].dtype)) for k in f.keys()}, dict(f.attrs))
print("multicoil kspace[1, 2, 4, 3] =", multi[1, 2, 4, 3])
