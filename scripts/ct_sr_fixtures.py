#!/usr/bin/python3
"""Makes the CT and super-resolution test fixtures (independent references) under
src/test/resources/org/diffprior/physics. Run with Debian's python3 (numpy, scikit-image 0.19.3, pydicom):

    /usr/bin/python3 scripts/ct_sr_fixtures.py

Every array is written as raw little-endian float32, row-major; the size is in the file name.
CT references come from scikit-image (radon / iradon, the project's public CT convention).
The bicubic/Lanczos references come from a small numpy reimplementation of MATLAB's imresize written
from its documented algorithm (Keys cubic a = -0.5, kernel widened by 1/scale when shrinking,
symmetric boundary, weights normalised to sum 1), independent of the Java code.
"""
import os
import numpy as np
import pydicom
from skimage.data import shepp_logan_phantom
from skimage.transform import radon, iradon, resize

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'test', 'resources', 'org', 'diffprior', 'physics')


def save(name, array):
    path = os.path.join(OUT, name)
    np.asarray(array, dtype='<f4').tofile(path)
    print('wrote', name, array.shape)


def circle_mask(n):
    rows, cols = np.ogrid[:n, :n]
    return (rows - n // 2) ** 2 + (cols - n // 2) ** 2 <= (n // 2) ** 2


# ---- CT: 64x64 Shepp-Logan phantom, zero outside the inscribed circle ----
phantom = resize(shepp_logan_phantom(), (64, 64), anti_aliasing=True).astype(np.float64)
phantom[~circle_mask(64)] = 0
phantom = phantom.astype(np.float32).astype(np.float64)  # the Java side sees float32 values
save('ct_phantom_64x64.f32', phantom)

# Irregular angles on purpose: both half-turns, non-integer degrees, one beyond 180.
angles = np.array([0, 7.5, 30, 45, 63.25, 90, 101, 135, 150.5, 179, 212.7, 300], dtype=np.float64)
save('ct_angles_12.f32', angles)
sinogram = radon(phantom, theta=angles, circle=True).T  # one row per view
save('ct_phantom_radon_12x64.f32', sinogram)

# FBP references: 60 equispaced views, three filters.
fbp_angles = np.linspace(0, 180, 60, endpoint=False)
fbp_sinogram = radon(phantom, theta=fbp_angles, circle=True)
save('ct_phantom_radon_60x64.f32', fbp_sinogram.T)
for name in ('ramp', 'shepp-logan', 'hann'):
    rec = iradon(fbp_sinogram.astype(np.float32).astype(np.float64), theta=fbp_angles, circle=True, filter_name=name)
    save('ct_phantom_iradon_%s_64x64.f32' % name, rec)

# A real CT slice (pydicom's CT_small, 128x128): HU + 1024 (air = 0), divided by 2048,
# zero outside the inscribed circle.
ds = pydicom.dcmread('/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm')
ct = ds.pixel_array.astype(np.float64) * float(ds.RescaleSlope) + float(ds.RescaleIntercept) + 1024.0
ct = np.clip(ct, 0, None) / 2048.0
ct[~circle_mask(128)] = 0
save('ct_small_128x128.f32', ct)


# ---- MATLAB-style imresize, reimplemented from its documentation ----
def cubic(x):
    a = -0.5
    ax = np.abs(x)
    return np.where(ax <= 1, (a + 2) * ax ** 3 - (a + 3) * ax ** 2 + 1,
                    np.where(ax < 2, a * ax ** 3 - 5 * a * ax ** 2 + 8 * a * ax - 4 * a, 0.0))


def lanczos3(x):
    return np.where(np.abs(x) < 3, np.sinc(x) * np.sinc(x / 3), 0.0)


def weight_matrix(n_in, scale, kernel, width):
    n_out = int(round(n_in * scale))
    matrix = np.zeros((n_out, n_in))
    shrink = scale < 1
    kernel_width = width / scale if shrink else width
    for i in range(1, n_out + 1):
        u = i / scale + 0.5 * (1 - 1 / scale)          # 1-based input coordinate of output pixel i
        left = int(np.floor(u - kernel_width / 2))
        taps = int(np.ceil(kernel_width)) + 2
        idx = left + np.arange(taps)
        dist = u - idx
        w = scale * kernel(scale * dist) if shrink else kernel(dist)
        w = w / w.sum()
        period = 2 * n_in                               # symmetric padding: 1..n, n..1
        m = (idx - 1) % period
        m = np.where(m < n_in, m, period - 1 - m)
        for k, wk in zip(m, w):
            matrix[i - 1, k] += wk
    return matrix


def imresize(image, scale, kernel=cubic, width=4.0):
    rows = weight_matrix(image.shape[0], scale, kernel, width)
    cols = weight_matrix(image.shape[1], scale, kernel, width)
    return rows @ image @ cols.T


# Downsampling references on a non-square crop of the real CT slice (48 rows x 64 columns).
hr = ct[40:88, 32:96]
save('sr_hr_48x64.f32', hr)
save('sr_bicubic_down2_24x32.f32', imresize(hr, 1 / 2))
save('sr_bicubic_down4_12x16.f32', imresize(hr, 1 / 4))
# Upsampling references from the x4 low-resolution image.
lr = imresize(hr, 1 / 4).astype(np.float32).astype(np.float64)
save('sr_lr_12x16.f32', lr)
save('sr_bicubic_up2_24x32.f32', imresize(lr, 2))
save('sr_lanczos3_up4_48x64.f32', imresize(lr, 4, lanczos3, 6.0))


# ---- Benchmark data (CtSrBenchmark): a held-out Colin27 slice ----
# Axial slice 100 of the Colin27 average brain (ch2), displayed radiologically upright, scaled to [0, 1]
# by its maximum, zero-padded to 224x224 and zero outside the inscribed circle.
import nibabel
BENCH = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'test', 'resources', 'org', 'diffprior', 'bench')
os.makedirs(BENCH, exist_ok=True)
volume = np.asarray(nibabel.load('/usr/share/mricron/templates/ch2.nii.gz').get_fdata(), dtype=np.float64)
axial = np.rot90(volume[:, :, 100])
axial = axial / axial.max()
padded = np.zeros((224, 224))
top = (224 - axial.shape[0]) // 2
left = (224 - axial.shape[1]) // 2
padded[top:top + axial.shape[0], left:left + axial.shape[1]] = axial
padded[~circle_mask(224)] = 0
np.asarray(padded, dtype='<f4').tofile(os.path.join(BENCH, 'colin27_axial100_224x224.f32'))
print('wrote colin27_axial100_224x224.f32', padded.shape, 'lost outside circle:', float(np.abs(axial).sum() - np.abs(padded).sum()) / float(np.abs(axial).sum()))
