package org.diffprior.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes images as volumes with their geometry, choosing the form by the name: NIfTI-1 ({@code .nii},
 * {@code .nii.gz}) with its whole header; a DICOM series (a folder of one series, or one DICOM file) sorted along
 * the slice normal with its position, orientation and spacing; anything else ImageJ reads with its calibration
 * (voxel size only). Outputs are NIfTI for those names, else float32 TIFF calibrated with the voxel size.
 *
 * <pre>{@code
 * Volume input = Volumes.read(Path.of("ch2.nii.gz"));
 * Volumes.write(input.upsampledInPlane(highRes, 2), Path.of("ch2_x2.nii.gz"));
 * }</pre>
 */
public final class Volumes {

    private Volumes() {
    }

    /** The volume in {@code path}; bad input is an {@code InvalidInputException} naming the file. */
    public static Volume read(Path path) {
        if (Nifti.isNifti(path)) {
            return Nifti.readVolume(path);
        }
        if (Files.isDirectory(path) || DicomSeries.isDicom(path)) {
            return DicomSeries.read(path);
        }
        return ImageFiles.readVolume(path);
    }

    /** True when {@code path} is written as NIfTI (else TIFF). */
    public static boolean isNifti(Path path) {
        return Nifti.isNifti(path);
    }

    /** Writes {@code volume} as NIfTI or calibrated float32 TIFF, by the name; replaced only on success. */
    public static void write(Volume volume, Path target) throws IOException {
        AtomicFiles.write(target, writer(volume, target));
    }

    /**
     * Writes {@code volume} as {@link #write} would to {@code target}, into the file it is given, for
     * {@link AtomicFiles.Transaction#stage} (the outputs of one call committed together).
     */
    public static AtomicFiles.Writer writer(Volume volume, Path target) {
        return Nifti.isNifti(target) ? Nifti.writer(volume, Nifti.isGzip(target))
                : Tiffs.writer(volume.planes(), volume.header());
    }
}
