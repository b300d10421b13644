package org.diffprior.cli;

import java.nio.file.Path;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.FloatImage;
import org.diffprior.io.SliceRange;
import org.diffprior.io.Volume;
import org.diffprior.io.Volumes;

/**
 * The voxel grid an output of {@code ct} or {@code mri} lies on: the {@code --geometry} volume (NIfTI, DICOM series,
 * calibrated TIFF) the measurements were made from, whose header the output keeps, or none (no voxel size,
 * no orientation). Measurements (sinograms, k-space) carry no geometry of their own.
 *
 * <pre>{@code
 * Geometry grid = Geometry.of(geometry, size, size, slices);   // checked before the work starts
 * Volumes.write(grid.on(DiffusionOutput.meanStack(planes)), out);
 * }</pre>
 */
final class Geometry {

    private final Volume reference;

    private Geometry(Volume reference) {
        this.reference = reference;
    }

    /**
     * The grid of {@code file} (null: none), which must have the output's {@code width}×{@code height}×{@code slices}
     * voxels.
     */
    static Geometry of(Path file, int width, int height, int slices) {
        return of(file, width, height, slices, SliceRange.ALL);
    }

    /**
     * As {@link #of(Path, int, int, int)} for the slices {@code range} of the measurements: the output lies on those
     * planes of {@code file}'s grid.
     */
    static Geometry of(Path file, int width, int height, int slices, SliceRange range) {
        if (file == null) {
            return new Geometry(null);
        }
        Volume volume = Volumes.read(file);
        if (!range.isAll()) {
            int all = volume.planes().slices();
            volume = volume.slab(range.first(all, String.valueOf(file)), range.count(all));
        }
        FloatImage planes = volume.planes();
        if (planes.width() != width || planes.height() != height || planes.slices() != slices) {
            throw InvalidInputException.of("geometry", "{geometry} " + file + " is " + planes.width() + "x"
                    + planes.height() + "x" + planes.slices() + " voxels but the reconstruction is " + width + "x"
                    + height + "x" + slices + "; give the image the measurements were simulated from");
        }
        return new Geometry(volume);
    }

    /** {@code planes} on this grid (a stack of output planes), or without voxel size and orientation when none. */
    Volume on(FloatImage planes) {
        return reference == null ? Volume.of(planes) : reference.withPlanes(planes);
    }
}
