#!/usr/bin/python3
"""Grey-scale natural/scientific images from scikit-image's bundled data (all public domain or CC0 per
their docstrings) as float32 TIFFs in [0, 1], for the general grey-scale prior used by super-resolution.
'camera' (CC0) is held out for validation.

Usage: /usr/bin/python3 scripts/training/extract_skimage_grey.py OUT_DIR
Writes OUT_DIR/train/NAME.tif and OUT_DIR/val/camera.tif.
"""
import os, sys
import numpy as np
import tifffile
from skimage import data, img_as_float
from skimage.color import rgb2gray, rgba2rgb

TRAIN = ["astronaut", "brick", "grass", "gravel", "coffee", "chelsea", "rocket", "hubble_deep_field", "coins",
         "text", "cell", "retina", "microaneurysms", "horse"]
VAL = ["camera"]

def grey(name):
    img = img_as_float(getattr(data, name)())
    if img.ndim == 3 and img.shape[2] == 4:
        img = rgba2rgb(img)
    if img.ndim == 3:
        img = rgb2gray(img)
    img = img.astype(np.float32)
    return img / max(img.max(), 1e-6)

def main():
    out = sys.argv[1]
    for folder, names in (("train", TRAIN), ("val", VAL)):
        os.makedirs(os.path.join(out, folder), exist_ok=True)
        for name in names:
            tifffile.imwrite(os.path.join(out, folder, name + ".tif"), grey(name), photometric="minisblack")
    print("wrote", out)

if __name__ == "__main__":
    main()
