"""Shared image preparation of the data scripts: pad to a square, scale to [0, 1], resize."""
import numpy as np
from skimage.transform import resize


def square(image):
    """Zero-pads an image to a centred square."""
    h, w = image.shape
    n = max(h, w)
    out = np.zeros((n, n))
    out[(n - h) // 2:(n - h) // 2 + h, (n - w) // 2:(n - w) // 2 + w] = image
    return out


def to_unit(image):
    """Divides by the 99.5th percentile and clips to [0, 1]."""
    image = image.astype(np.float64)
    top = np.percentile(image, 99.5)
    return np.clip(image / top, 0, 1) if top > 0 else image


def sized(image, size=128):
    """The padded square resized (cubic, anti-aliased) to size x size, clipped to [0, 1], float32."""
    out = resize(square(image), (size, size), order=3, anti_aliasing=True, mode="constant")
    return np.clip(out, 0, 1).astype(np.float32)
