package org.diffprior.io;

/**
 * A 3-D scalar volume read from NIfTI-1, in physical units (scl_slope and scl_inter applied), stored
 * with voxel index i fastest, then j, then k, as in the file: {@code data[i + nx * (j + ny * k)]}.
 * Voxel sizes are the header's pixdim[1..3] (usually millimetres).
 *
 * <p>Slices are cut in voxel-index space and oriented for display assuming the usual RAS-like
 * storage (i: left→right, j: posterior→anterior, k: inferior→superior, as in the MNI templates):
 * axial = plane k with anterior at the top, coronal = plane j with superior at the top, sagittal =
 * plane i with superior at the top and anterior on the right. The affine is not applied.
 *
 * <pre>{@code
 * NiftiVolume brain = Nifti.read(Path.of("/usr/share/mricron/templates/ch2.nii.gz"));
 * FloatImage axial = brain.axial(brain.nz() / 2);   // nx wide, ny high
 * }</pre>
 */
public record NiftiVolume(int nx, int ny, int nz, double[] voxelSize, float[] data) {

    public NiftiVolume {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("volume dimensions must be positive: " + nx + "x" + ny + "x" + nz);
        }
        if ((long) nx * ny * nz != data.length) {
            throw new IllegalArgumentException(
                    "data length " + data.length + " does not match " + nx + "x" + ny + "x" + nz);
        }
        if (voxelSize.length != 3) {
            throw new IllegalArgumentException("voxel size needs 3 values, not " + voxelSize.length);
        }
        voxelSize = voxelSize.clone();
    }

    @Override
    public double[] voxelSize() {
        return voxelSize.clone();
    }

    /** Value at voxel (i, j, k). */
    public float get(int i, int j, int k) {
        return data[i + nx * (j + ny * k)];
    }

    /** Axial plane k: nx wide (column = i), ny high (row 0 = largest j, anterior). */
    public FloatImage axial(int k) {
        checkIndex("axial", k, nz);
        float[] plane = new float[nx * ny];
        for (int row = 0; row < ny; row++) {
            int j = ny - 1 - row;
            System.arraycopy(data, nx * (j + ny * k), plane, row * nx, nx);
        }
        return FloatImage.of(nx, ny, plane);
    }

    /** Coronal plane j: nx wide (column = i), nz high (row 0 = largest k, superior). */
    public FloatImage coronal(int j) {
        checkIndex("coronal", j, ny);
        float[] plane = new float[nx * nz];
        for (int row = 0; row < nz; row++) {
            int k = nz - 1 - row;
            System.arraycopy(data, nx * (j + ny * k), plane, row * nx, nx);
        }
        return FloatImage.of(nx, nz, plane);
    }

    /** Sagittal plane i: ny wide (column = j), nz high (row 0 = largest k, superior). */
    public FloatImage sagittal(int i) {
        checkIndex("sagittal", i, nx);
        float[] plane = new float[ny * nz];
        for (int row = 0; row < nz; row++) {
            int k = nz - 1 - row;
            for (int j = 0; j < ny; j++) {
                plane[row * ny + j] = data[i + nx * (j + ny * k)];
            }
        }
        return FloatImage.of(ny, nz, plane);
    }

    /** Number of planes along an orientation ("axial", "coronal" or "sagittal"). */
    public int planes(String orientation) {
        return switch (orientation) {
            case "axial" -> nz;
            case "coronal" -> ny;
            case "sagittal" -> nx;
            default -> throw new IllegalArgumentException(
                    "orientation must be axial, coronal or sagittal, not " + orientation);
        };
    }

    /** Plane {@code index} of an orientation ("axial", "coronal" or "sagittal"). */
    public FloatImage plane(String orientation, int index) {
        return switch (orientation) {
            case "axial" -> axial(index);
            case "coronal" -> coronal(index);
            case "sagittal" -> sagittal(index);
            default -> throw new IllegalArgumentException(
                    "orientation must be axial, coronal or sagittal, not " + orientation);
        };
    }

    private static void checkIndex(String orientation, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(orientation + " plane " + index + " outside 0.." + (size - 1));
        }
    }
}
