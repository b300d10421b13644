package org.diffprior.io;

import static org.diffprior.io.IoTestFiles.assertArrayEqualsExactly;
import static org.diffprior.io.IoTestFiles.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data set maker: the split keeps validation planes away from training planes, the stacks hold what
 * the javadoc promises, and the committed test-images/ are exactly what the code makes.
 */
class TrainingDataTest {

    private static NiftiVolume brain;

    @TempDir
    Path dir;

    @BeforeAll
    static void readColin27() {
        if (Files.isRegularFile(TrainingData.COLIN27)) {
            brain = Nifti.read(TrainingData.COLIN27);
        }
    }

    private static NiftiVolume colin27() {
        assumeTrue(brain != null, "mricron-data is not installed");
        return brain;
    }

    @Test
    void validationPlanesHaveNoTrainingNeighbourWithinTheGuard() {
        NiftiVolume volume = colin27();
        for (String orientation : TrainingData.ORIENTATIONS) {
            TrainingData.Split split = TrainingData.split(volume, orientation);
            int planes = volume.planes(orientation);
            Set<Integer> train = new HashSet<>(split.train());
            assertFalse(split.validation().isEmpty(), orientation);
            for (int v : split.validation()) {
                assertFalse(train.contains(v), orientation + " plane " + v + " in both sets");
                boolean inSlab = false;
                for (double[] slab : TrainingData.VALIDATION_SLABS) {
                    inSlab |= v >= slab[0] * planes && v < slab[1] * planes;
                }
                assertTrue(inSlab, orientation + " validation plane " + v + " outside the slabs");
                for (int d = -TrainingData.GUARD; d <= TrainingData.GUARD; d++) {
                    assertFalse(train.contains(v + d),
                            orientation + ": training plane " + (v + d) + " next to validation " + v);
                }
            }
            // Training keeps most of the brain: at least 4 training planes per validation plane.
            assertTrue(split.train().size() >= 4 * split.validation().size(), orientation + " " + split);
        }
    }

    /**
     * numpy on the same volume (robust max 188 = 99.5th percentile of non-zero voxels; planes with at least
     * 10 % of pixels above 0.2 x 188) keeps sagittal planes 5..175, coronal 9..210 and axial 0..166.
     */
    @Test
    void nearlyEmptyPlanesAreSkippedAsNumpyFindsThem() {
        NiftiVolume volume = colin27();
        int[][] expectedRange = {{0, 166}, {9, 210}, {5, 175}};
        for (int o = 0; o < 3; o++) {
            String orientation = TrainingData.ORIENTATIONS.get(o);
            TrainingData.Split split = TrainingData.split(volume, orientation);
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (List<Integer> set : List.of(split.train(), split.validation())) {
                for (int p : set) {
                    min = Math.min(min, p);
                    max = Math.max(max, p);
                }
            }
            assertEquals(expectedRange[o][0], min, orientation);
            assertEquals(expectedRange[o][1], max, orientation);
        }
    }

    @Test
    void stacksHoldNormalisedSquarePlanesInSplitOrder() throws IOException {
        NiftiVolume volume = colin27();
        List<Path> written = TrainingData.writeColin27(volume, dir, new int[] {64});
        assertEquals(3 * 2 + 1, written.size());
        TrainingData.Split split = TrainingData.split(volume, "coronal");
        FloatImage val = ImageFiles.read(dir.resolve("colin27/val/coronal_64.tif"));
        assertEquals(64, val.width());
        assertEquals(64, val.height());
        assertEquals(split.validation().size(), val.slices());
        FloatImage train = ImageFiles.read(dir.resolve("colin27/train/coronal_64.tif"));
        assertEquals(split.train().size(), train.slices());
        int third = split.train().get(3);
        assertArrayEqualsExactly(TrainingData.normalisedSquare(volume.coronal(third), 64).data(), train.slice(3));
        float max = 0;
        for (float v : train.data()) {
            assertTrue(v >= 0f && v <= 1f, "value " + v + " outside [0, 1]");
            max = Math.max(max, v);
        }
        assertEquals(1f, max, 0f);
        String tsv = Files.readString(dir.resolve("colin27/split.tsv"));
        assertTrue(tsv.contains("coronal\tval\t" + split.validation().get(0) + ","), tsv);
    }

    @Test
    void committedColin27TestImagesAreWhatTheCodeMakes() {
        NiftiVolume volume = colin27();
        int axial = TrainingData.middleOfFirstSlab(volume, "axial");
        int coronal = TrainingData.middleOfFirstSlab(volume, "coronal");
        int sagittal = TrainingData.middleOfFirstSlab(volume, "sagittal");
        assertEquals(79, axial);
        assertEquals(94, coronal);
        assertEquals(79, sagittal);
        assertArrayEqualsExactly(TrainingData.normalisedSquare(volume.axial(axial), 128).data(),
                ImageFiles.read(Path.of("test-images/colin27_val_axial079_128.tif")).data());
        assertArrayEqualsExactly(TrainingData.normalisedSquare(volume.axial(axial), 256).data(),
                ImageFiles.read(Path.of("test-images/colin27_val_axial079_256.tif")).data());
        assertArrayEqualsExactly(TrainingData.normalisedSquare(volume.coronal(coronal), 128).data(),
                ImageFiles.read(Path.of("test-images/colin27_val_coronal094_128.tif")).data());
        assertArrayEqualsExactly(TrainingData.normalisedSquare(volume.sagittal(sagittal), 128).data(),
                ImageFiles.read(Path.of("test-images/colin27_val_sagittal079_128.tif")).data());
    }

    @Test
    void committedCtTestImagesAreInHounsfieldUnitsAndNormalised() {
        FloatImage hu = ImageFiles.read(Path.of("test-images/ct_small_hu.tif"));
        FloatImage fromDicom = ImageFiles.read(fixture("dicom/CT_small.dcm"));
        assertArrayEqualsExactly(fromDicom.data(), hu.data());
        FloatImage norm = ImageFiles.read(Path.of("test-images/ct_small_norm.tif"));
        assertArrayEqualsExactly(TrainingData.normalisedCt(hu).data(), norm.data());
        // -896 HU (the image's minimum) maps to 128 / robust max of HU + 1024.
        float robust = SquareResampler.robustMax(TrainingData.normalisedCt(hu).data(), 100);
        assertEquals(1f, robust, 0f);
        FloatImage mr = ImageFiles.read(Path.of("test-images/mr_small_norm.tif"));
        assertEquals(64, mr.width());
    }

    @Test
    void dicomSlicesAreWrittenFromAFolderOfPydicomTestFiles() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pydicom"));
        Files.copy(fixture("dicom/CT_small.dcm"), folder.resolve("CT_small.dcm"));
        Files.copy(fixture("dicom/MR_small.dcm"), folder.resolve("MR_small.dcm"));
        List<Path> written = TrainingData.writeDicom(folder, dir.resolve("out"));
        assertEquals(List.of("ct_small_hu.tif", "ct_small_norm.tif", "mr_small.tif", "mr_small_norm.tif"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(-849f, ImageFiles.read(dir.resolve("out/dicom/ct_small_hu.tif")).get(0, 0, 0), 0f);
        Files.delete(folder.resolve("MR_small.dcm"));
        IoTestFiles.assertRefused(folder.resolve("MR_small.dcm"), "python3-pydicom",
                () -> TrainingData.writeDicom(folder, dir.resolve("out2")));
    }
}
