#!/usr/bin/python3
"""Writes the volume fixtures of VolumesTest (src/test/resources/org/diffprior/io/volume/) and prints the
reference values the test compares with, computed by nibabel and pydicom (independent of the Java code).

- oblique_int16.nii.gz: 6 x 5 x 4 voxels (i, j, k), raw int16 value i + 6 j + 30 k, scl_slope 0.5 and
  scl_inter 10, pixdim (0.9, 1.1, 2.5) mm, an oblique sform (code 2) and a different qform (code 1, qfac -1).
- series/: a DICOM MR series of 3 slices of 5 rows x 4 columns, oblique orientation, Pixel Spacing 0.8 \\ 0.7,
  2 mm between slices; file names and Instance Numbers do not follow the slices' order along the normal.
  Pixel value 100 s + 10 r + c for slice s (along the normal), row r, column c.

Run with Debian's python3 (python3-nibabel, python3-pydicom):  /usr/bin/python3 scripts/make_volume_fixtures.py
"""
import os

import nibabel as nib
import numpy as np
import pydicom
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, MRImageStorage

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "org", "diffprior", "io", "volume")
os.makedirs(os.path.join(OUT, "series"), exist_ok=True)
np.set_printoptions(precision=6, suppress=True)


def rotation(ax, ay, az):
    cx, sx, cy, sy, cz, sz = np.cos(ax), np.sin(ax), np.cos(ay), np.sin(ay), np.cos(az), np.sin(az)
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx


# --- NIfTI ---------------------------------------------------------------------------------------------
shape = (6, 5, 4)
zooms = np.array([0.9, 1.1, 2.5])
i, j, k = np.meshgrid(*[np.arange(n) for n in shape], indexing="ij")
raw = (i + 6 * j + 30 * k).astype("<i2")
sform = np.eye(4)
sform[:3, :3] = rotation(0.2, -0.3, 0.5) @ np.diag(zooms)
sform[:3, 3] = [-12.5, 30.25, 7.0]
qform = np.eye(4)
qform[:3, :3] = rotation(-0.1, 0.15, 1.2) @ np.diag(zooms * [1, 1, -1])  # a reflection: qfac = -1
qform[:3, 3] = [4.0, -8.5, 16.75]
header = nib.Nifti1Header()
header.set_data_dtype(np.int16)
image = nib.Nifti1Image(raw, sform, header=header)
image.set_sform(sform, code=2)
image.set_qform(qform, code=1)
image.header.set_xyzt_units("mm", "sec")
image.header.set_slope_inter(0.5, 10.0)
image.header["descrip"] = b"diffprior volume fixture"
image.header["cal_min"], image.header["cal_max"] = 10.0, 70.0
path = os.path.join(OUT, "oblique_int16.nii.gz")
nib.save(image, path)
check = nib.load(path)
print("oblique_int16.nii.gz (nibabel", nib.__version__ + ")")
print("  shape", check.shape, "pixdim", check.header["pixdim"].tolist())
print("  qfac", check.header["pixdim"][0], "qform_code", int(check.header["qform_code"]), "sform_code",
      int(check.header["sform_code"]), "xyzt_units", int(check.header["xyzt_units"]))
print("  sform\n", check.header.get_sform())
print("  qform\n", check.header.get_qform())
print("  value[5,4,3] =", np.asarray(check.dataobj, dtype=np.float64)[5, 4, 3])
# Super-resolution by s in-plane keeps the field of view: new voxel i' is old voxel (i' - (s - 1) / 2) / s, so each
# old voxel centre is the centre of its s x s new voxels.  (nibabel's rescale_affine rounds the centre to whole
# voxels, so it is not used.)
s = 2
to_old = np.array([[1 / s, 0, 0, -(s - 1) / (2 * s)], [0, 1 / s, 0, -(s - 1) / (2 * s)], [0, 0, 1, 0], [0, 0, 0, 1]])
print("  x2 in-plane sform\n", check.header.get_sform() @ to_old)
print("  x2 in-plane qform\n", check.header.get_qform() @ to_old)

# --- DICOM series --------------------------------------------------------------------------------------
rows, columns, slices = 5, 4, 3
spacing = (0.8, 0.7)  # between rows, between columns (DICOM order)
R = rotation(0.3, 0.1, -0.4)
row_direction, column_direction = R[:, 0], R[:, 1]  # Image Orientation (Patient): direction of a row, of a column
normal = np.cross(row_direction, column_direction)
origin = np.array([-40.0, 12.5, 100.0])
series_uid = "1.2.826.0.1.3680043.8.498.1"
names = {0: "c.dcm", 1: "a.dcm", 2: "b.dcm"}
instances = {0: 3, 1: 1, 2: 2}


def write_series(folder, offsets, series_uids):
    """Slice s at offsets[s] mm along the normal, Series Instance UID series_uids[s], file names[s]."""
    os.makedirs(os.path.join(OUT, folder), exist_ok=True)
    for s in range(len(offsets)):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = MRImageStorage
        meta.MediaStorageSOPInstanceUID = f"{series_uids[s]}.{s + 1}"
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = FileDataset(names[s], {}, file_meta=meta, preamble=b"\0" * 128)
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.SOPClassUID, ds.SOPInstanceUID = MRImageStorage, meta.MediaStorageSOPInstanceUID
        ds.Modality = "MR"
        ds.StudyInstanceUID, ds.SeriesInstanceUID = "1.2.826.0.1.3680043.8.498.2", series_uids[s]
        ds.InstanceNumber = instances[s]
        ds.ImagePositionPatient = [float(v) for v in np.round(origin + offsets[s] * normal, 4)]
        ds.ImageOrientationPatient = [float(v) for v in np.round(np.concatenate([row_direction, column_direction]), 6)]
        ds.PixelSpacing = list(spacing)
        ds.SliceThickness = 2.0
        ds.Rows, ds.Columns = rows, columns
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
        r, c = np.meshgrid(np.arange(rows), np.arange(columns), indexing="ij")
        ds.PixelData = (100 * s + 10 * r + c).astype("<i2").tobytes()
        ds.save_as(os.path.join(OUT, folder, names[s]), write_like_original=False)


write_series("series", [0.0, 2.0, 4.0], [series_uid] * 3)
# Bad input: a gap (slices 0, 2 and 5 mm along the normal), and two series in one folder.
write_series("series_uneven", [0.0, 2.0, 5.0], [series_uid] * 3)
write_series("series_two", [0.0, 2.0, 4.0], [series_uid, series_uid, "1.2.826.0.1.3680043.8.498.3"])

print("series/ (pydicom", pydicom.__version__ + "): world RAS mm of pixel values (DICOM C.7.6.2.1.1, LPS -> RAS)")
for value in [0, 3, 40, 143, 211, 243]:
    s, r, c = value // 100, value // 10 % 10, value % 10
    ds = pydicom.dcmread(os.path.join(OUT, "series", names[s]))
    assert ds.pixel_array[r, c] == value
    ipp = np.array(ds.ImagePositionPatient, dtype=float)
    iop = np.array(ds.ImageOrientationPatient, dtype=float)
    dr, dc = (float(v) for v in ds.PixelSpacing)
    lps = ipp + c * dc * iop[:3] + r * dr * iop[3:]
    print(f"  value {value}: {lps * [-1, -1, 1]}")

# --- A crop of Colin27 (Debian package mricron-data) for the command-line tests ------------------------
COLIN27 = "/usr/share/mricron/templates/ch2.nii.gz"
colin = nib.load(COLIN27)
crop = colin.slicer[58:122, 76:140, 84:88]  # 64 x 64 x 4 voxels around the centre; slicer moves the origin
path = os.path.join(OUT, "colin27_crop.nii.gz")
nib.save(crop, path)
check = nib.load(path)
print("colin27_crop.nii.gz: shape", check.shape, "dtype", check.get_data_dtype(), "pixdim",
      check.header["pixdim"][1:4].tolist(), "codes q/s", int(check.header["qform_code"]), int(check.header["sform_code"]))
print("  sform\n", check.header.get_sform())
print("  qform\n", check.header.get_qform())
for factor, name in [(2, "x2 finer"), (0.5, "x2 coarser")]:
    to_old = np.array([[1 / factor, 0, 0, -(factor - 1) / (2 * factor)], [0, 1 / factor, 0, -(factor - 1) / (2 * factor)],
                       [0, 0, 1, 0], [0, 0, 0, 1]])
    print(f"  {name} sform\n", check.header.get_sform() @ to_old)
