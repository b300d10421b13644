#!/usr/bin/python3
"""Prints reference values for DicomReadingTest: pydicom's pixel_array * RescaleSlope + RescaleIntercept
(physical units; Hounsfield units for CT) of pydicom's own test files.

Run with Debian's python3 (python3-pydicom):  /usr/bin/python3 scripts/print_dicom_reference.py
"""
import os

import numpy as np
import pydicom
from pydicom.data import get_testdata_file

# (row, column) positions checked by the Java test; chosen to cover background, tissue and bone.
POSITIONS = [(0, 0), (10, 20), (64, 64), (70, 40), (100, 90), (31, 32), (50, 60), (127 // 2, 5)]

for name in ["CT_small.dcm", "MR_small.dcm"]:
    path = get_testdata_file(name)
    ds = pydicom.dcmread(path)
    raw = ds.pixel_array
    slope = float(getattr(ds, "RescaleSlope", 1.0))
    intercept = float(getattr(ds, "RescaleIntercept", 0.0))
    physical = raw.astype(np.float64) * slope + intercept
    print(f"{os.path.basename(path)}: rows={ds.Rows} columns={ds.Columns} PixelRepresentation={ds.PixelRepresentation} "
          f"slope={slope} intercept={intercept}")
    print(f"  min={physical.min()} max={physical.max()} sum={physical.sum()}")
    for r, c in POSITIONS:
        if r < ds.Rows and c < ds.Columns:
            print(f"  value[row={r}, col={c}] = {physical[r, c]}")
