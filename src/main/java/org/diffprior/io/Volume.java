package org.diffprior.io;

/**
 * A stack of planes with its geometry: plane k of {@link #planes()} is voxel plane k of the header's grid,
 * nx wide (column = i) and ny high with row 0 the largest j (anterior on top for the usual RAS storage, as
 * ImageJ shows a NIfTI). Whatever it was read from (NIfTI, a DICOM series, a calibrated TIFF), the geometry is a
 * {@link NiftiHeader}, so an output can be written in any of those forms with the voxel size and orientation kept.
 *
 * <pre>{@code
 * Volume brain = Volumes.read(Path.of("ch2.nii.gz"));
 * Volumes.write(brain.withPlanes(reconstruction), Path.of("recon.nii.gz"));   // same header, float32
 * }</pre>
 */
public record Volume(FloatImage planes, NiftiHeader header) {

    public Volume {
        int[] dims = header.dimensions();
        if (dims[0] != planes.width() || dims[1] != planes.height() || dims[2] != planes.slices()) {
            throw new IllegalArgumentException("header of " + dims[0] + "x" + dims[1] + "x" + dims[2]
                    + " voxels for planes of " + planes.width() + "x" + planes.height() + "x" + planes.slices());
        }
    }

    /** A volume of {@code planes} whose voxels have no known size or orientation (written as pixels of 1). */
    public static Volume of(FloatImage planes) {
        return new Volume(planes, of(planes, new double[] {1, 1, 1}).header.withoutUnits());
    }

    /** A volume of {@code planes} with only a voxel size (mm; no orientation), e.g. from a calibrated TIFF. */
    public static Volume of(FloatImage planes, double[] voxelSizeMm) {
        double[][] affine = {{voxelSizeMm[0], 0, 0, 0}, {0, voxelSizeMm[1], 0, 0}, {0, 0, voxelSizeMm[2], 0}};
        return new Volume(planes, NiftiHeader.of(planes.width(), planes.height(), planes.slices(), affine, 0));
    }

    /** {@code result} on this volume's grid (same in-plane size, voxel size and affine; any number of planes). */
    public Volume withPlanes(FloatImage result) {
        if (result.width() != planes.width() || result.height() != planes.height()) {
            throw new IllegalArgumentException("planes of " + result.width() + "x" + result.height()
                    + " do not lie on a grid of " + planes.width() + "x" + planes.height());
        }
        return new Volume(result, header.withDimensions(result.width(), result.height(), result.slices()));
    }

    /**
     * {@code result} on the grid {@code scale} times finer in-plane over the same field of view (super-resolution):
     * voxel size and affines as {@link NiftiHeader#upsampledInPlane}.
     */
    public Volume upsampledInPlane(FloatImage result, int scale) {
        if (result.width() != scale * planes.width() || result.height() != scale * planes.height()) {
            throw new IllegalArgumentException("a x" + scale + " result of " + planes.width() + "x" + planes.height()
                    + " planes must be " + scale * planes.width() + "x" + scale * planes.height());
        }
        return new Volume(result,
                header.upsampledInPlane(scale).withDimensions(result.width(), result.height(), result.slices()));
    }

    /**
     * {@code result} on the grid {@code scale} times coarser in-plane (a simulated low-resolution image): voxel size
     * and affines as {@link NiftiHeader#downsampledInPlane}.
     */
    public Volume downsampledInPlane(FloatImage result, int scale) {
        if (scale * result.width() != planes.width() || scale * result.height() != planes.height()) {
            throw new IllegalArgumentException("a 1/" + scale + " result of " + planes.width() + "x" + planes.height()
                    + " planes must be " + planes.width() / scale + "x" + planes.height() / scale);
        }
        return new Volume(result,
                header.downsampledInPlane(scale).withDimensions(result.width(), result.height(), result.slices()));
    }

    /** Planes {@code first} to {@code first + count − 1} of this volume, on its grid (the origin moved to plane first). */
    public Volume slab(int first, int count) {
        FloatImage slab = Stacks.planeByPlane(count, planes.width(), planes.height(), z -> planes.slice(first + z));
        return new Volume(slab, header.shiftedAlongK(first).withDimensions(slab.width(), slab.height(), count));
    }

    /** This volume without a display range in its header, for a map in other units (a std map). */
    public Volume withoutDisplayRange() {
        return new Volume(planes, header.withoutDisplayRange());
    }

    /** File order (i fastest, then j, then k) to planes with row 0 = largest j. */
    static FloatImage planesFromVoxels(float[] voxels, int nx, int ny, int nz) {
        float[] data = new float[voxels.length];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                System.arraycopy(voxels, nx * (j + ny * k), data, nx * (ny - 1 - j + ny * k), nx);
            }
        }
        return new FloatImage(nx, ny, nz, data);
    }

    /** The inverse of {@link #planesFromVoxels}. */
    static float[] voxelsFromPlanes(FloatImage planes) {
        // Flipping rows is its own inverse.
        return planesFromVoxels(planes.data(), planes.width(), planes.height(), planes.slices()).data();
    }
}
