#!/usr/bin/python3
"""Prints scipy.ndimage.gaussian_filter (mode 'reflect', truncate 4) of a fixed 6x7 image, sigma 1.3,
pasted into GaussianFilterTest as the reference."""
import numpy as np
from scipy.ndimage import gaussian_filter

img = np.array([[((3 * y + 5 * x) % 7) / 7.0 + (0.5 if x == y else 0.0) for x in range(7)] for y in range(6)])
out = gaussian_filter(img, 1.3, mode="reflect", truncate=4.0)
print(",\n".join(", ".join(f"{v:.9f}" for v in row) for row in out))
