#!/usr/bin/python3
"""Prints Pillow's BILINEAR resize of small float images for SquareResamplerTest (Pillow's triangle
filter widened by the reduction factor, the filter SquareResampler implements).
Input: v[y, x] = sin(0.7 x) + 0.3 y^1.5 + 0.05 x y, float32.
Run with Debian's python3 (python3-pil):  /usr/bin/python3 scripts/print_resize_reference.py
"""
import numpy as np
from PIL import Image

for (w, h), (ow, oh) in [((11, 9), (4, 3)), ((7, 5), (16, 13)), ((10, 10), (10, 10))]:
    y, x = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    v = (np.sin(0.7 * x) + 0.3 * y ** 1.5 + 0.05 * x * y).astype(np.float32)
    out = np.asarray(Image.fromarray(v, mode="F").resize((ow, oh), Image.BILINEAR), dtype=np.float32)
    print(f"// {w}x{h} -> {ow}x{oh}")
    print("{" + ", ".join(f"{value!r}f" for value in out.ravel().tolist()) + "}")
