#!/usr/bin/python3
"""Writes small image fixtures with independent writers (tifffile, Pillow) for ImageFilesTest
(src/test/resources/org/diffprior/io/images/). Values follow formulas the Java test recomputes:
    float32 TIFF (5 wide, 4 high, 3 planes): v[z, y, x] = 100 z + 10 y + x - 7.625
    8-bit PNG (7 wide, 5 high):              v[y, x] = 30 y + 3 x
    16-bit PNG (7 wide, 5 high):             v[y, x] = 9000 y + 31 x
Run with Debian's python3 (python3-tifffile, python3-pil):  /usr/bin/python3 scripts/make_image_fixtures.py
"""
import os

import numpy as np
import tifffile
from PIL import Image

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "org", "diffprior", "io", "images")
os.makedirs(OUT, exist_ok=True)

z, y, x = np.meshgrid(np.arange(3), np.arange(4), np.arange(5), indexing="ij")
stack = (100 * z + 10 * y + x - 7.625).astype(np.float32)
tifffile.imwrite(os.path.join(OUT, "stack_float32.tif"), stack, photometric="minisblack")
tifffile.imwrite(os.path.join(OUT, "plane_float32.tif"), stack[1], photometric="minisblack")

y2, x2 = np.meshgrid(np.arange(5), np.arange(7), indexing="ij")
Image.fromarray((30 * y2 + 3 * x2).astype(np.uint8), mode="L").save(os.path.join(OUT, "grey8.png"))
Image.fromarray((9000 * y2 + 31 * x2).astype(np.uint16)).save(os.path.join(OUT, "grey16.png"))
Image.fromarray(np.dstack([(30 * y2).astype(np.uint8)] * 3), mode="RGB").save(os.path.join(OUT, "colour.png"))

for name in sorted(os.listdir(OUT)):
    print(name, os.path.getsize(os.path.join(OUT, name)), "bytes")
