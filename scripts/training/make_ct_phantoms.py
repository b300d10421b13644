#!/usr/bin/python3
"""Anatomical synthetic CT phantoms for the bundled CT prior (ct-64): random thorax, abdomen and head
cross-sections drawn in Hounsfield units (textbook values: air -1000, lung ~-850, fat ~-100, soft tissue
and organs 20-80, cortical bone 900-1600 HU), seen at a random zoom and normalised as the reconstruction
normalises its images. No real image is drawn from or trained on.

Each phantom: an elliptical body outline with a subcutaneous fat layer, muscle and soft tissue with a
smooth texture, organs with slightly different HU, vessels and small lesions, optional lungs with branching
vessels, a vertebra (cortical rim around cancellous bone, spinal canal, posterior arch) and ribs; or a head
(scalp, skull with diploe, brain, ventricles). Random rotation, a mild blur (scanner point spread) and a
little quantum noise.

Intensity: CtDiffusion divides each reconstruction by Intensities.robustMax, the 99th percentile of the
magnitude of its filtered back-projection, before the prior sees it; so each phantom is |HU + 1024| (the
attenuation relative to water, 0 in air) divided by its own 99th percentile, clipped to [0, 1].

Field of view: the object's extent (the larger side of its bounding box above -500 HU) spans a fraction f
of the 128x128 image. For MEASURED_SHARE of the phantoms f follows the head extents measured on the
InVesalius Cranium CT training slabs (slices 0-9 and 86-107 of ../shared/DATA.md; validation and test
slabs never read) by scripts/training/measure_cranium_extent.py: 31 slices with a head, extent
0.105 / 0.449 / 0.586 / 0.766 / 0.809 of the image side (min / quartiles / max; drawn by the inverse CDF
through these five numbers), centre within 0.079 of the side from the image centre. The rest is generic
scale augmentation, stated as such: f log-uniform in 0.25..2 (small objects, and views inside the body).
These six scalars are all the phantoms take from real CT.

Usage: /usr/bin/python3 scripts/training/make_ct_phantoms.py OUT_DIR [TRAIN_COUNT [VAL_COUNT [HEAD_SHARE]]]
Writes OUT_DIR/train.tif (seed 1) and OUT_DIR/val.tif (seed 2, never overlapping): float32 stacks of
128x128 images in [0, 1]. HEAD_SHARE (default 0.5) is the fraction of head phantoms, the rest thorax (60 %)
and abdomen.
"""
import os
import sys

import numpy as np
import tifffile
from scipy import ndimage
from skimage.draw import line_aa
from skimage.transform import resize, rotate

GRID = 256  # phantoms are drawn at 256x256 and brought to 128x128 at a random zoom
OUT = 128
HEAD_SHARE = 0.5  # fraction of head phantoms (command-line argument 4); 0.2 measured no better on the validation slabs
# Cranium CT training slabs (measure_cranium_extent.py, 256x256): head extent as a fraction of the image side,
# min / quartiles / max over 31 slices, and the largest distance of the head's centre from the image centre.
HEAD_EXTENT = [0.105, 0.449, 0.586, 0.766, 0.809]
HEAD_OFFSET = 0.079
MEASURED_SHARE = 0.5  # phantoms zoomed to the measured extents; the others: generic scale augmentation
GENERIC_EXTENT = (0.25, 2.0)


def ellipse(cy, cx, ry, rx, theta=0.0):
    """Boolean mask of a rotated ellipse on the GRID x GRID canvas (pixel units)."""
    y, x = np.mgrid[0:GRID, 0:GRID].astype(np.float32)
    c, s = np.cos(theta), np.sin(theta)
    u = (x - cx) * c + (y - cy) * s
    v = -(x - cx) * s + (y - cy) * c
    return (u / rx) ** 2 + (v / ry) ** 2 <= 1.0


def smooth_noise(rng, scale, amplitude):
    """Smooth random texture: white noise blurred at `scale` pixels, rescaled to unit std times amplitude."""
    n = ndimage.gaussian_filter(rng.standard_normal((GRID, GRID)).astype(np.float32), scale)
    return amplitude * n / (n.std() + 1e-6)


def bone(hu, rng, mask, rim):
    """Cortical rim (bright) around cancellous interior (medium) inside mask."""
    inner = ndimage.binary_erosion(mask, iterations=rim)
    hu[mask] = rng.uniform(900, 1500)
    hu[inner] = rng.uniform(200, 450) + smooth_noise(rng, 1.5, 40)[inner]


def vessels(hu, rng, region, start, count, value):
    """Branching vessel tree (random-walk segments) inside region, blurred into the lung."""
    canvas = np.zeros((GRID, GRID), np.float32)
    tips = [start]
    for _ in range(count):
        y0, x0 = tips[rng.integers(len(tips))]
        angle = rng.uniform(0, 2 * np.pi)
        length = rng.uniform(8, 30)
        y1 = int(np.clip(y0 + length * np.sin(angle), 0, GRID - 1))
        x1 = int(np.clip(x0 + length * np.cos(angle), 0, GRID - 1))
        rr, cc, val = line_aa(int(y0), int(x0), y1, x1)
        canvas[rr, cc] = np.maximum(canvas[rr, cc], val * rng.uniform(0.5, 1.0))
        tips.append((y1, x1))
    canvas = ndimage.gaussian_filter(canvas, rng.uniform(0.5, 1.0))
    canvas /= max(canvas.max(), 1e-6)
    hu[region] += (canvas * (value - hu))[region]


def body(rng):
    hu = np.full((GRID, GRID), -1000.0, np.float32)
    cy, cx = GRID / 2 + rng.uniform(-10, 10), GRID / 2 + rng.uniform(-10, 10)
    ry, rx = rng.uniform(60, 90), rng.uniform(90, 120)
    outline = ellipse(cy, cx, ry, rx)
    fat_width = rng.uniform(4, 14)
    inner = ellipse(cy, cx, ry - fat_width, rx - fat_width)
    hu[outline] = rng.uniform(-120, -80)
    hu[inner] = rng.uniform(30, 55)
    # muscle groups and intermuscular fat
    for _ in range(rng.integers(2, 6)):
        m = ellipse(cy + rng.uniform(-0.6, 0.8) * ry, cx + rng.uniform(-0.8, 0.8) * rx, rng.uniform(8, 25),
                    rng.uniform(10, 40), rng.uniform(0, np.pi)) & inner
        hu[m] = rng.uniform(-110, -70) if rng.random() < 0.3 else rng.uniform(40, 65)
    thorax = rng.random() < 0.6
    spine_y = cy + ry * rng.uniform(0.45, 0.65)
    if thorax:
        for side in (-1, 1):
            lung = ellipse(cy - ry * rng.uniform(0.0, 0.2), cx + side * rx * rng.uniform(0.4, 0.55),
                           ry * rng.uniform(0.55, 0.75), rx * rng.uniform(0.3, 0.42),
                           side * rng.uniform(0, 0.4)) & ellipse(cy, cx, ry - fat_width - 6, rx - fat_width - 6)
            hu[lung] = rng.uniform(-880, -800) + smooth_noise(rng, 2.0, 15)[lung]
            ys, xs = np.nonzero(lung)
            hilum = (int(ys.mean()), int(xs.mean() - side * (xs.max() - xs.min()) * 0.3))
            vessels(hu, rng, lung, hilum, rng.integers(15, 45), rng.uniform(-50, 60))
        # mediastinum: heart/aorta
        heart = ellipse(cy - ry * 0.1, cx + rng.uniform(-10, 10), ry * rng.uniform(0.3, 0.45), rx * rng.uniform(0.2, 0.3))
        hu[heart] = rng.uniform(30, 60)
    else:
        for _ in range(rng.integers(2, 5)):
            organ = ellipse(cy + rng.uniform(-0.5, 0.3) * ry, cx + rng.uniform(-0.6, 0.6) * rx, rng.uniform(10, 35),
                            rng.uniform(12, 45), rng.uniform(0, np.pi)) & inner
            hu[organ] = rng.uniform(20, 80) + smooth_noise(rng, 3.0, 6)[organ]
        for _ in range(rng.integers(0, 4)):  # bowel gas
            gas = ellipse(cy + rng.uniform(-0.5, 0.2) * ry, cx + rng.uniform(-0.6, 0.6) * rx, rng.uniform(2, 8),
                          rng.uniform(2, 10), rng.uniform(0, np.pi)) & inner
            hu[gas] = rng.uniform(-1000, -700)
    # aorta/vena cava in front of the spine
    for dx in (rng.uniform(-14, -6), rng.uniform(6, 14)):
        vessel = ellipse(spine_y - rng.uniform(22, 32), cx + dx, rng.uniform(4, 9), rng.uniform(4, 9))
        hu[vessel] = rng.uniform(30, 250)
    # vertebra: body, spinal canal, posterior arch and spinous process
    vb_r = rng.uniform(11, 17)
    vb = ellipse(spine_y - vb_r * 0.6, cx, vb_r, vb_r * rng.uniform(1.0, 1.25), rng.uniform(-0.1, 0.1))
    bone(hu, rng, vb, int(rng.integers(1, 3)))
    canal_y = spine_y + vb_r * 0.7
    arch = ellipse(canal_y, cx, vb_r * 0.75, vb_r * 0.9) | ellipse(canal_y + vb_r * 0.9, cx, vb_r * 0.9, 3)
    for side in (-1, 1):  # transverse processes
        arch |= ellipse(canal_y - 2, cx + side * vb_r * 1.1, 3, vb_r * 0.8, side * rng.uniform(-0.4, 0.1))
    bone(hu, rng, arch & ~vb, 1)
    canal = ellipse(canal_y, cx, vb_r * 0.45, vb_r * 0.55)
    hu[canal] = rng.uniform(10, 40)
    # ribs around the wall
    if thorax or rng.random() < 0.5:
        for angle in np.linspace(0, 2 * np.pi, int(rng.integers(6, 14)), endpoint=False) + rng.uniform(0, 1):
            if np.sin(angle) > 0.75:  # not through the spine
                continue
            d = rng.uniform(0.8, 0.9)
            rib = ellipse(cy + d * (ry - fat_width) * np.sin(angle), cx + d * (rx - fat_width) * np.cos(angle),
                          rng.uniform(2.5, 4.5), rng.uniform(4, 9), angle + np.pi / 2)
            bone(hu, rng, rib, 1)
    lesions(hu, rng, inner)
    return hu


def head(rng):
    hu = np.full((GRID, GRID), -1000.0, np.float32)
    cy, cx = GRID / 2 + rng.uniform(-10, 10), GRID / 2 + rng.uniform(-10, 10)
    ry, rx = rng.uniform(85, 110), rng.uniform(70, 90)
    scalp = ellipse(cy, cx, ry, rx)
    skull = ellipse(cy, cx, ry - 4, rx - 4)
    brain = ellipse(cy, cx, ry - rng.uniform(9, 14), rx - rng.uniform(9, 14))
    hu[scalp] = rng.uniform(20, 50)
    hu[skull] = rng.uniform(1000, 1600)
    diploe = ellipse(cy, cx, ry - 6, rx - 6) & ~ellipse(cy, cx, ry - 8, rx - 8)
    hu[diploe] = rng.uniform(400, 700)
    hu[brain] = rng.uniform(30, 38)
    white = ellipse(cy, cx, (ry - 14) * 0.75, (rx - 14) * 0.75) & (smooth_noise(rng, 6, 1) > -0.4)
    hu[white & brain] = rng.uniform(22, 28)
    for side in (-1, 1):
        ventricle = ellipse(cy + rng.uniform(-15, 5), cx + side * rng.uniform(5, 12), rng.uniform(12, 25),
                            rng.uniform(3, 7), side * rng.uniform(0, 0.4))
        hu[ventricle] = rng.uniform(0, 10)
    lesions(hu, rng, brain)
    return hu


def lesions(hu, rng, region):
    for _ in range(rng.integers(0, 5)):
        ys, xs = np.nonzero(region)
        k = rng.integers(len(ys))
        lesion = ellipse(ys[k], xs[k], rng.uniform(1.5, 7), rng.uniform(1.5, 7), rng.uniform(0, np.pi)) & region
        hu[lesion] += rng.uniform(-60, 120)


def object_extent(hu):
    """(centre y, centre x, extent) of the object: its bounding box above -500 HU, extent = the larger side."""
    ys, xs = np.nonzero(hu > -500)
    return (ys.min() + ys.max()) / 2, (xs.min() + xs.max()) / 2, max(np.ptp(ys), np.ptp(xs)) + 1


def measured_extent(rng):
    """An extent drawn from the Cranium training slabs' distribution (inverse CDF through its quartiles)."""
    return float(np.interp(rng.random(), [0, 0.25, 0.5, 0.75, 1], HEAD_EXTENT))


def field_of_view(hu, rng):
    """The OUT x OUT image of the canvas at a random zoom: the object's extent (larger bounding-box side) spans
    a fraction f of the image, f from the measured Cranium distribution (MEASURED_SHARE of the phantoms) or
    log-uniform in GENERIC_EXTENT (generic scale augmentation: small objects, and views inside the object)."""
    cy, cx, extent = object_extent(hu)
    f = measured_extent(rng) if rng.random() < MEASURED_SHARE else float(np.exp(rng.uniform(*np.log(GENERIC_EXTENT))))
    zoom = OUT * f / extent  # output pixels per canvas pixel
    if f <= 1:  # the whole object, its centre off the image centre by up to HEAD_OFFSET (and kept inside)
        room = min(HEAD_OFFSET, (1 - f) / 2) * OUT
        r, a = room * np.sqrt(rng.random()), rng.uniform(0, 2 * np.pi)
        shift = np.array([r * np.sin(a), r * np.cos(a)])
    else:  # a view inside the object: the image centre anywhere in the object's central part
        shift = rng.uniform(-0.5, 0.5, 2) * (f - 1) * OUT / 2
    if zoom < 1:  # anti-aliasing before shrinking, as skimage.transform.resize does
        hu = ndimage.gaussian_filter(hu, (1 / zoom - 1) / 2, mode="constant", cval=-1000)
    # output pixel p shows canvas point centre + (p - OUT/2 + 0.5 - shift) / zoom
    offset = np.array([cy, cx]) - ((OUT - 1) / 2 + shift) / zoom
    return ndimage.affine_transform(hu, np.eye(2) / zoom, offset=offset, output_shape=(OUT, OUT), order=1,
                                    mode="constant", cval=-1000.0)


def phantom(rng):
    hu = head(rng) if rng.random() < HEAD_SHARE else body(rng)
    inside = hu > -900
    hu[inside] += smooth_noise(rng, rng.uniform(1.5, 4.0), rng.uniform(4, 12))[inside]  # tissue texture
    hu = rotate(hu, rng.uniform(-25, 25), mode="constant", cval=-1000, preserve_range=True, order=1)
    hu = ndimage.gaussian_filter(hu, rng.uniform(0.6, 1.2))  # scanner point spread
    img = field_of_view(hu, rng)
    img = img + rng.normal(0, rng.uniform(3, 12), img.shape)  # a little quantum noise
    img = np.abs(img + 1024)  # attenuation relative to water - 1024 HU, as a magnitude (Intensities.robustMax)
    img = img / np.percentile(img, 99)  # CtDiffusion scales each reconstruction by this robust maximum
    return np.clip(img, 0, 1).astype(np.float32)


def stack(seed, count):
    rng = np.random.default_rng(seed)
    return np.stack([phantom(rng) for _ in range(count)])


def main():
    out = sys.argv[1]
    train = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    val = int(sys.argv[3]) if len(sys.argv) > 3 else 16
    global HEAD_SHARE
    HEAD_SHARE = float(sys.argv[4]) if len(sys.argv) > 4 else HEAD_SHARE
    os.makedirs(out, exist_ok=True)
    tifffile.imwrite(os.path.join(out, "train.tif"), stack(1, train), photometric="minisblack")
    tifffile.imwrite(os.path.join(out, "val.tif"), stack(2, val), photometric="minisblack")
    print("wrote", out, train, "training and", val, "validation phantoms, head share", HEAD_SHARE)


if __name__ == "__main__":
    main()
