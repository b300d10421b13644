package org.diffprior.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.diffprior.core.InvalidInputException;

/**
 * Makes the project's training and validation images from Debian packages, reproducibly and in seconds.
 *
 * <p><b>Colin27</b> ({@code mricron-data}: {@code /usr/share/mricron/templates/ch2.nii.gz}, 181×217×181,
 * 1 mm): every axial, coronal and sagittal plane ({@link NiftiVolume} orientation) that is not nearly
 * empty (at least {@value #MIN_FOREGROUND_FRACTION} of its pixels above {@value #FOREGROUND_LEVEL} × the
 * volume's {@value #PERCENTILE}th percentile of non-zero voxels) is zero-padded to a centred square,
 * resampled to each size with {@link SquareResampler} and divided by its own {@value #PERCENTILE}th
 * percentile, clipped to [0, 1]. <b>Split</b>: along each orientation's axis, planes whose index lies in
 * the two slabs [0.40, 0.47) and [0.60, 0.67) of the axis length are validation; training excludes them
 * and {@value #GUARD} planes on either side, so no validation plane has a training neighbour within
 * {@value #GUARD} mm along its own axis. (Planes of different orientations of the one brain always
 * intersect; the split separates neighbouring planes, not anatomy.) Layout:
 * <pre>
 * OUT/colin27/{train,val}/{axial,coronal,sagittal}_{64,128,256}.tif   float32 stacks, one plane per slice
 * OUT/colin27/split.tsv                                                  orientation, set, plane indices
 * </pre>
 * <b>DICOM</b> (pydicom's test files, {@code python3-pydicom}): {@code OUT/dicom/ct_small_hu.tif}
 * (128×128, Hounsfield units), {@code ct_small_norm.tif} ((HU + 1024) / its {@value #PERCENTILE}th
 * percentile, clipped to [0, 1]), {@code mr_small.tif} (64×64, stored values) and {@code mr_small_norm.tif}.
 *
 * <pre>{@code
 * NiftiVolume brain = Nifti.read(TrainingData.COLIN27);
 * List<Path> written = TrainingData.writeColin27(brain, Path.of("data"), new int[] {64, 128, 256});
 * written.addAll(TrainingData.writeDicom(TrainingData.PYDICOM_TEST_FILES, Path.of("data")));
 * }</pre>
 */
public final class TrainingData {

    public static final Path COLIN27 = Path.of("/usr/share/mricron/templates/ch2.nii.gz");
    public static final Path PYDICOM_TEST_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    public static final List<String> ORIENTATIONS = List.of("axial", "coronal", "sagittal");
    /** Validation slabs as fractions [start, end) of the axis length. */
    static final double[][] VALIDATION_SLABS = {{0.40, 0.47}, {0.60, 0.67}};
    /** Planes on each side of a validation slab that are in neither set. */
    public static final int GUARD = 4;
    public static final double PERCENTILE = 99.5;
    public static final double FOREGROUND_LEVEL = 0.2;
    public static final double MIN_FOREGROUND_FRACTION = 0.1;

    private TrainingData() {
    }

    /** Plane indices of one orientation: training and validation (ascending), after skipping near-empty planes. */
    public record Split(List<Integer> train, List<Integer> validation) {
        public Split {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
        }
    }

    public static Split split(NiftiVolume volume, String orientation) {
        return split(volume, orientation, foregroundLevel(volume));
    }

    private static float foregroundLevel(NiftiVolume volume) {
        return (float) (FOREGROUND_LEVEL * robustMaxOfNonZero(volume.data()));
    }

    private static Split split(NiftiVolume volume, String orientation, float level) {
        int planes = volume.planes(orientation);
        boolean[] validation = new boolean[planes];
        for (double[] slab : VALIDATION_SLABS) {
            for (int p = (int) Math.ceil(slab[0] * planes); p < slab[1] * planes; p++) {
                validation[p] = true;
            }
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (int p = 0; p < planes; p++) {
            if (!hasForeground(volume.plane(orientation, p), level)) {
                continue;
            }
            if (validation[p]) {
                val.add(p);
            } else if (!nearValidation(validation, p)) {
                train.add(p);
            }
        }
        return new Split(train, val);
    }

    /** Writes the Colin27 stacks and split.tsv under {@code outDir/colin27}; returns the files written. */
    public static List<Path> writeColin27(NiftiVolume volume, Path outDir, int[] sizes) throws IOException {
        return inOneCommit(outputs -> writeColin27(volume, outDir, sizes, outputs));
    }

    /** {@link #writeColin27(NiftiVolume, Path, int[])}, staged in {@code outputs} to be committed with others. */
    public static List<Path> writeColin27(NiftiVolume volume, Path outDir, int[] sizes, AtomicFiles.Transaction outputs)
            throws IOException {
        Path root = outDir.resolve("colin27");
        List<Path> written = new ArrayList<>();
        StringBuilder table = new StringBuilder("# orientation\tset\tplane indices (see TrainingData javadoc)\n");
        float level = foregroundLevel(volume);
        for (String orientation : ORIENTATIONS) {
            Split split = split(volume, orientation, level);
            for (String set : List.of("train", "val")) {
                List<Integer> planes = set.equals("train") ? split.train() : split.validation();
                table.append(orientation).append('\t').append(set).append('\t').append(join(planes)).append('\n');
                for (int size : sizes) {
                    Path file = root.resolve(set).resolve(orientation + "_" + size + ".tif");
                    written.add(write(stack(volume, orientation, planes, size), file, outputs));
                }
            }
        }
        Path tsv = root.resolve("split.tsv");
        outputs.stage(tsv, temp -> Files.writeString(temp, table));
        written.add(tsv);
        return written;
    }

    /** The normalised square image of one plane, as stored in the stacks. */
    public static FloatImage normalisedSquare(FloatImage plane, int size) {
        FloatImage square = SquareResampler.toSquare(plane, size);
        float max = SquareResampler.robustMax(square.data(), PERCENTILE);
        return FloatImage.of(size, size, SquareResampler.scaleToUnitRange(square.data(), max));
    }

    /** Writes the CT and MR slices of pydicom's test files under {@code outDir/dicom}; returns the files written. */
    public static List<Path> writeDicom(Path pydicomTestFiles, Path outDir) throws IOException {
        return inOneCommit(outputs -> writeDicom(pydicomTestFiles, outDir, outputs));
    }

    /** {@link #writeDicom(Path, Path)}, staged in {@code outputs} to be committed with others. */
    public static List<Path> writeDicom(Path pydicomTestFiles, Path outDir, AtomicFiles.Transaction outputs)
            throws IOException {
        Path ctFile = pydicomTestFiles.resolve("CT_small.dcm");
        Path mrFile = pydicomTestFiles.resolve("MR_small.dcm");
        for (Path file : List.of(ctFile, mrFile)) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(
                        file + ": not found; install python3-pydicom or pass the folder of pydicom's test files");
            }
        }
        Path root = outDir.resolve("dicom");
        FloatImage ct = ImageFiles.read(ctFile);
        FloatImage mr = ImageFiles.read(mrFile);
        List<Path> written = new ArrayList<>();
        written.add(write(ct, root.resolve("ct_small_hu.tif"), outputs));
        written.add(write(normalisedCt(ct), root.resolve("ct_small_norm.tif"), outputs));
        written.add(write(mr, root.resolve("mr_small.tif"), outputs));
        float mrMax = SquareResampler.robustMax(mr.data(), PERCENTILE);
        written.add(write(FloatImage.of(mr.width(), mr.height(), SquareResampler.scaleToUnitRange(mr.data(), mrMax)),
                root.resolve("mr_small_norm.tif"), outputs));
        return written;
    }

    /** (HU + 1024) / its robust maximum, clipped to [0, 1]: air 0, dense bone 1. */
    public static FloatImage normalisedCt(FloatImage hounsfield) {
        float[] shifted = new float[hounsfield.data().length];
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = hounsfield.data()[i] + 1024f;
        }
        float max = SquareResampler.robustMax(shifted, PERCENTILE);
        return new FloatImage(hounsfield.width(), hounsfield.height(), hounsfield.slices(),
                SquareResampler.scaleToUnitRange(shifted, max));
    }

    /**
     * The small images committed under test-images/: the middle plane of the first validation slab of
     * each orientation (axial at 128 and 256, coronal and sagittal at 128), and the DICOM CT/MR slices.
     */
    public static List<Path> writeTestImages(NiftiVolume volume, Path pydicomTestFiles, Path dir) throws IOException {
        return inOneCommit(outputs -> writeTestImages(volume, pydicomTestFiles, dir, outputs));
    }

    /** {@link #writeTestImages(NiftiVolume, Path, Path)}, staged in {@code outputs} to be committed with others. */
    public static List<Path> writeTestImages(NiftiVolume volume, Path pydicomTestFiles, Path dir,
            AtomicFiles.Transaction outputs) throws IOException {
        List<Path> written = new ArrayList<>();
        for (String orientation : ORIENTATIONS) {
            int plane = middleOfFirstSlab(volume, orientation);
            FloatImage image = volume.plane(orientation, plane);
            int[] sizes = orientation.equals("axial") ? new int[] {128, 256} : new int[] {128};
            for (int size : sizes) {
                String name = String.format(Locale.ROOT, "colin27_val_%s%03d_%d.tif", orientation, plane, size);
                written.add(write(normalisedSquare(image, size), dir.resolve(name), outputs));
            }
        }
        Path dicom = Files.createTempDirectory("diffprior-dicom");
        try {
            for (Path file : writeDicom(pydicomTestFiles, dicom)) {
                if (!file.getFileName().toString().equals("mr_small.tif")) {
                    Path target = dir.resolve(file.getFileName());
                    outputs.stage(target,
                            temp -> Files.copy(file, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
                    written.add(target);
                }
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(dicom.resolve("dicom"));
            Files.deleteIfExists(dicom);
        }
        return written;
    }

    /** Index of the validation plane nearest the centre of the first validation slab. */
    public static int middleOfFirstSlab(NiftiVolume volume, String orientation) {
        int planes = volume.planes(orientation);
        int centre = (int) Math.round((VALIDATION_SLABS[0][0] + VALIDATION_SLABS[0][1]) / 2 * planes);
        int best = -1;
        for (int p : split(volume, orientation).validation()) {
            if (best < 0 || Math.abs(p - centre) < Math.abs(best - centre)) {
                best = p;
            }
        }
        if (best < 0) {
            throw new InvalidInputException("volume has no usable " + orientation + " validation plane");
        }
        return best;
    }

    private static FloatImage stack(NiftiVolume volume, String orientation, List<Integer> planes, int size) {
        if (planes.isEmpty()) {
            throw new InvalidInputException("no usable " + orientation + " planes in the volume (all nearly empty)");
        }
        return Stacks.planeByPlane(planes.size(), size, size,
                n -> normalisedSquare(volume.plane(orientation, planes.get(n)), size).data());
    }

    private static Path write(FloatImage image, Path file, AtomicFiles.Transaction outputs) throws IOException {
        outputs.stage(file, Tiffs.writer(image));
        return file;
    }

    /** Files staged by {@code writes}, all committed together. */
    private interface Writes {
        List<Path> stage(AtomicFiles.Transaction outputs) throws IOException;
    }

    private static List<Path> inOneCommit(Writes writes) throws IOException {
        try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
            List<Path> written = writes.stage(outputs);
            outputs.commit();
            return written;
        }
    }

    private static boolean hasForeground(FloatImage plane, float level) {
        int count = 0;
        for (float v : plane.data()) {
            if (v > level) {
                count++;
            }
        }
        return count >= MIN_FOREGROUND_FRACTION * plane.data().length;
    }

    private static boolean nearValidation(boolean[] validation, int plane) {
        for (int p = Math.max(0, plane - GUARD); p <= Math.min(validation.length - 1, plane + GUARD); p++) {
            if (validation[p]) {
                return true;
            }
        }
        return false;
    }

    private static float robustMaxOfNonZero(float[] values) {
        int count = 0;
        for (float v : values) {
            if (v != 0) {
                count++;
            }
        }
        float[] nonZero = new float[count];
        int n = 0;
        for (float v : values) {
            if (v != 0) {
                nonZero[n++] = v;
            }
        }
        return SquareResampler.robustMax(nonZero, PERCENTILE);
    }

    private static String join(List<Integer> values) {
        StringBuilder out = new StringBuilder();
        for (int v : values) {
            out.append(out.length() == 0 ? "" : ",").append(v);
        }
        return out.toString();
    }
}
