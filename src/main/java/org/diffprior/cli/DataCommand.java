package org.diffprior.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.AtomicFiles;
import org.diffprior.io.Nifti;
import org.diffprior.io.NiftiVolume;
import org.diffprior.io.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diffprior data}: makes training and validation images from Debian packages (Colin27 from
 * mricron-data, CT/MR slices from python3-pydicom); layout and split are documented in
 * {@link TrainingData}.
 *
 * <pre>
 * diffprior data --out data                       # data/colin27/{train,val}/..., data/dicom/...
 * diffprior data --out data --sizes 128 --test-images test-images
 * </pre>
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Make training and validation data from Debian packages (mricron-data, python3-pydicom): "
                + "OUT/colin27/{train,val}/{axial,coronal,sagittal}_SIZE.tif and OUT/dicom/*.tif.")
final class DataCommand extends CliCommand {

    @Option(names = "--out", defaultValue = "data", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--colin27",
            description = "Colin27 NIfTI volume (default: ${DEFAULT-VALUE}; Debian package mricron-data).")
    Path colin27 = TrainingData.COLIN27;

    @Option(names = "--dicom-dir", description = "Folder with pydicom's CT_small.dcm and MR_small.dcm "
            + "(default: ${DEFAULT-VALUE}; Debian package python3-pydicom).")
    Path dicomDir = TrainingData.PYDICOM_TEST_FILES;

    @Option(names = "--sizes", split = ",", defaultValue = "64,128,256",
            description = "Square sizes in pixels (default: ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--no-dicom", description = "Skip the DICOM slices.")
    boolean noDicom;

    @Option(names = "--test-images",
            description = "Also write the small images kept under test-images/ to this folder.")
    Path testImages;

    @Override
    protected int execute() throws Exception {
        for (int size : sizes) {
            if (size < 8 || size > 4096) {
                throw new InvalidInputException("--sizes: " + size + " is outside 8..4096");
            }
        }
        if (!Files.isRegularFile(colin27)) {
            throw new InvalidInputException(
                    colin27 + ": not found; install the Debian package mricron-data or pass --colin27 FILE");
        }
        long start = System.nanoTime();
        NiftiVolume brain = Nifti.read(colin27);
        List<Path> written;
        // Every file of the data set is replaced together, or none is.
        try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
            written = new ArrayList<>(TrainingData.writeColin27(brain, out, sizes, outputs));
            if (!noDicom) {
                written.addAll(TrainingData.writeDicom(dicomDir, out, outputs));
            }
            if (testImages != null) {
                written.addAll(TrainingData.writeTestImages(brain, dicomDir, testImages, outputs));
            }
            outputs.commit();
        }
        for (Path file : written) {
            System.out.println(file);
        }
        System.out.printf("diffprior data: %d files in %.1f s%n", written.size(), (System.nanoTime() - start) / 1e9);
        return OK;
    }
}
