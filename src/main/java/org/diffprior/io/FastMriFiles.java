package org.diffprior.io;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import org.diffprior.core.InvalidInputException;

/**
 * Reads fastMRI HDF5 files (through jhdf): complex64 {@code kspace} of shape [slices, coils, rows, cols]
 * (multi-coil) or [slices, rows, cols] (single-coil), and the float32 reference
 * {@code reconstruction_rss} / {@code reconstruction_esc} [slices, rows, cols] when present.
 *
 * <p>K-space comes back in BART layout (DESIGN.md section 3): dimension 0 = row (fastMRI's readout
 * axis, the second-to-last HDF5 axis), 1 = column, 3 = coil, and {@value #SLICE_DIM} = slice (BART's
 * {@code SLICE_DIM}); single-coil data has a coil dimension of 1. {@link #readKspaceSlice} reads one
 * slice as rows × cols × 1 × coils, the shape {@code diffprior mri} takes; {@link #readKspace(Path, SliceRange)}
 * reads a range of slices alone. {@link #readColumnMask} gives the sampled columns of fastMRI's test files.
 *
 * <pre>{@code
 * ComplexArray k = FastMriFiles.readKspaceSlice(Path.of("file1000000.h5"), 17);  // rows x cols x 1 x coils
 * Cfl.write(Path.of("slice17"), k);
 * }</pre>
 */
public final class FastMriFiles {

    /** BART's slice dimension, where {@link #readKspace} puts the fastMRI slice axis. */
    public static final int SLICE_DIM = 13;

    static {
        // jhdf logs every open/read at INFO; with the CLI's slf4j-simple binding that is several stderr lines
        // per file. Quieten it unless the user chose a level (must happen before jhdf creates its loggers).
        // TODO(lead): move into the engine bootstrap class that owns system properties.
        if (System.getProperty("org.slf4j.simpleLogger.log.io.jhdf") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.jhdf", "warn");
        }
    }

    private FastMriFiles() {
    }

    /** Whether {@code file} is taken for fastMRI HDF5 by its extension ({@code .h5} or {@code .hdf5}, any case). */
    public static boolean isHdf5(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".h5") || name.endsWith(".hdf5");
    }

    /** Number of slices in the file's k-space. */
    public static int sliceCount(Path file) {
        try (HdfFile hdf = open(file)) {
            return kspace(hdf, file).getDimensions()[0];
        } catch (HdfException e) {
            throw unreadable(file, e);
        }
    }

    /** All slices: rows × cols × 1 × coils × 1 … × slices (slice at dimension {@value #SLICE_DIM}). */
    public static ComplexArray readKspace(Path file) {
        try (HdfFile hdf = open(file)) {
            Dataset dataset = kspace(hdf, file);
            int[] shape = dataset.getDimensions();
            Map<?, ?> fields = (Map<?, ?>) dataset.getDataFlat();
            return toBart(file, shape, realPart(fields, file), imaginaryPart(fields, file));
        } catch (HdfException | ClassCastException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * The slices of {@code range}: rows × cols × 1 × coils × 1 … × slices (slice at dimension {@value #SLICE_DIM}),
     * reading only those slices from the file.
     */
    public static ComplexArray readKspace(Path file, SliceRange range) {
        if (range.isAll()) {
            return readKspace(file);
        }
        try (HdfFile hdf = open(file)) {
            Dataset dataset = kspace(hdf, file);
            int[] shape = dataset.getDimensions();
            long[] offset = new long[shape.length];
            offset[0] = range.first(shape[0], file.toString());
            int[] part = shape.clone();
            part[0] = range.count(shape[0]);
            Map<?, ?> fields = (Map<?, ?>) dataset.getData(offset, part);
            return toBart(file, part, flatten(field(fields, file, "r", "real"), file),
                    flatten(field(fields, file, "i", "imag"), file));
        } catch (HdfException | ClassCastException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * The sampled columns of fastMRI's test files (dataset {@code mask}, one 0/1 or boolean value per k-space
     * column, the same for every slice and coil), or empty when the file has none (training and validation files
     * are fully sampled).
     */
    public static Optional<boolean[]> readColumnMask(Path file) {
        try (HdfFile hdf = open(file)) {
            int[] shape = kspace(hdf, file).getDimensions();
            int columns = shape[shape.length - 1];
            Node node = hdf.getChildren().get("mask");
            if (node == null) {
                return Optional.empty();
            }
            if (!(node instanceof Dataset dataset) || dataset.getDimensions().length != 1
                    || dataset.getDimensions()[0] != columns) {
                throw new InvalidInputException(file + ": 'mask' must be one value per k-space column (" + columns
                        + "), got " + (node instanceof Dataset d ? Arrays.toString(d.getDimensions()) : "a group")
                        + "; remove it or give --mask");
            }
            Object values = dataset.getData();
            boolean[] sampled = new boolean[columns];
            for (int x = 0; x < columns; x++) {
                Object value = Array.get(values, x);
                sampled[x] = value instanceof Boolean b ? b
                        : value instanceof Number n ? n.doubleValue() != 0
                                : "TRUE".equalsIgnoreCase(String.valueOf(value));
            }
            return Optional.of(sampled);
        } catch (HdfException | IllegalArgumentException e) {
            throw unreadable(file, e);
        }
    }

    /** One slice: rows × cols × 1 × coils. */
    public static ComplexArray readKspaceSlice(Path file, int slice) {
        try (HdfFile hdf = open(file)) {
            Dataset dataset = kspace(hdf, file);
            int[] shape = dataset.getDimensions();
            if (slice < 0 || slice >= shape[0]) {
                throw new InvalidInputException(
                        file + ": slice " + slice + " does not exist (the file has " + shape[0] + " slices, 0.."
                                + (shape[0] - 1) + ")");
            }
            long[] offset = new long[shape.length];
            offset[0] = slice;
            int[] sliceShape = shape.clone();
            sliceShape[0] = 1;
            Map<?, ?> fields = (Map<?, ?>) dataset.getData(offset, sliceShape);
            float[] re = flatten(field(fields, file, "r", "real"), file);
            float[] im = flatten(field(fields, file, "i", "imag"), file);
            ComplexArray one = toBart(file, sliceShape, re, im);
            long[] dims = one.dims();
            return new ComplexArray(Arrays.copyOf(dims, Math.min(dims.length, 4)), one.data());
        } catch (HdfException | ClassCastException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * The reference reconstruction ({@code reconstruction_rss}, else {@code reconstruction_esc}) as a
     * stack of slices (width = cols, height = rows), or empty when the file has none (e.g. test sets).
     */
    public static Optional<FloatImage> readReconstruction(Path file) {
        try (HdfFile hdf = open(file)) {
            for (String name : new String[] {"reconstruction_rss", "reconstruction_esc"}) {
                Node node = hdf.getChildren().get(name);
                if (node instanceof Dataset dataset) {
                    int[] shape = dataset.getDimensions();
                    if (shape.length != 3) {
                        throw new InvalidInputException(
                                file + ": dataset '" + name + "' has shape " + Arrays.toString(shape)
                                        + ", expected [slices, rows, cols]");
                    }
                    float[] data = asFloats(dataset.getDataFlat(), file, name);
                    return Optional.of(new FloatImage(shape[2], shape[1], shape[0], data));
                }
            }
            return Optional.empty();
        } catch (HdfException e) {
            throw unreadable(file, e);
        }
    }

    /** The slices of {@code range} of the reference reconstruction ({@link #readReconstruction(Path)}). */
    public static Optional<FloatImage> readReconstruction(Path file, SliceRange range) {
        return readReconstruction(file).map(all -> {
            int first = range.first(all.slices(), file + " (its reconstruction)");
            int count = range.count(all.slices());
            int plane = all.width() * all.height();
            return new FloatImage(all.width(), all.height(), count,
                    Arrays.copyOfRange(all.data(), first * plane, (first + count) * plane));
        });
    }

    private static HdfFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (HdfException | IllegalArgumentException e) {
            throw new InvalidInputException(file + ": not an HDF5 file (" + oneLine(e) + ")", e);
        }
        // The superblock records where the file ends; a shorter file lost data (interrupted copy).
        long size = hdf.getHdfBackingStorage().size();
        long end = hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress()
                + hdf.getHdfBackingStorage().getSuperblock().getBaseAddressByte();
        if (size < end) {
            hdf.close();
            throw new InvalidInputException(
                    file + ": truncated HDF5 file (" + size + " bytes, its superblock says " + end + ")");
        }
        return hdf;
    }

    private static Dataset kspace(HdfFile hdf, Path file) {
        Node node = hdf.getChildren().get("kspace");
        if (!(node instanceof Dataset dataset)) {
            throw new InvalidInputException(file + ": no 'kspace' dataset (found " + hdf.getChildren().keySet()
                    + "); expected a fastMRI file");
        }
        int[] shape = dataset.getDimensions();
        if (shape.length != 3 && shape.length != 4) {
            throw new InvalidInputException(file + ": 'kspace' has shape " + Arrays.toString(shape)
                    + ", expected [slices, coils, rows, cols] or [slices, rows, cols]");
        }
        if (Arrays.stream(shape).anyMatch(size -> size < 1)) {
            throw new InvalidInputException(file + ": 'kspace' has shape " + Arrays.toString(shape) + ", which holds "
                    + "no data");
        }
        if (!dataset.isCompound()) {
            throw new InvalidInputException(file + ": 'kspace' holds " + dataset.getJavaType().getSimpleName()
                    + " values, expected complex64 (a compound of r and i)");
        }
        return dataset;
    }

    /** fastMRI [slices, (coils,) rows, cols], row-major -> BART rows x cols x 1 x coils x ... x slices. */
    private static ComplexArray toBart(Path file, int[] shape, float[] re, float[] im) {
        int slices = shape[0];
        int coils = shape.length == 4 ? shape[1] : 1;
        int rows = shape[shape.length - 2];
        int cols = shape[shape.length - 1];
        long elements = (long) slices * coils * rows * cols;
        if (2 * elements > Integer.MAX_VALUE) {
            throw new InvalidInputException(file + ": k-space too large to load at once; read it slice by slice");
        }
        if (re.length != elements || im.length != elements) {
            throw new InvalidInputException(file + ": 'kspace' holds " + re.length + " values but its shape "
                    + Arrays.toString(shape) + " needs " + elements);
        }
        float[] data = new float[(int) (2 * elements)];
        int source = 0;
        for (int s = 0; s < slices; s++) {
            for (int c = 0; c < coils; c++) {
                int block = (s * coils + c) * rows * cols;
                for (int r = 0; r < rows; r++) {
                    for (int x = 0; x < cols; x++, source++) {
                        int target = block + x * rows + r;
                        data[2 * target] = re[source];
                        data[2 * target + 1] = im[source];
                    }
                }
            }
        }
        long[] dims = new long[SLICE_DIM + 1];
        Arrays.fill(dims, 1);
        dims[0] = rows;
        dims[1] = cols;
        dims[3] = coils;
        dims[SLICE_DIM] = slices;
        int last = dims.length;
        while (last > 2 && dims[last - 1] == 1) {
            last--;
        }
        return new ComplexArray(Arrays.copyOf(dims, last), data);
    }

    private static float[] realPart(Map<?, ?> fields, Path file) {
        return asFloats(field(fields, file, "r", "real"), file, "kspace.r");
    }

    private static float[] imaginaryPart(Map<?, ?> fields, Path file) {
        return asFloats(field(fields, file, "i", "imag"), file, "kspace.i");
    }

    private static Object field(Map<?, ?> fields, Path file, String name, String alternative) {
        Object value = fields.containsKey(name) ? fields.get(name) : fields.get(alternative);
        if (value == null) {
            throw new InvalidInputException(file + ": 'kspace' compound has fields " + fields.keySet()
                    + ", expected complex64 with fields r and i");
        }
        return value;
    }

    private static float[] asFloats(Object values, Path file, String name) {
        if (values instanceof float[] floats) {
            return floats;
        }
        if (values instanceof double[] doubles) {
            float[] floats = new float[doubles.length];
            for (int n = 0; n < doubles.length; n++) {
                floats[n] = (float) doubles[n];
            }
            return floats;
        }
        throw new InvalidInputException(file + ": '" + name + "' holds " + values.getClass().getSimpleName()
                + " values, expected float32");
    }

    /** Copies a nested float (or double) array of any rank into one flat array, last index fastest. */
    private static float[] flatten(Object nested, Path file) {
        int count = countLeaves(nested, file);
        float[] out = new float[count];
        fill(nested, out, 0);
        return out;
    }

    private static int countLeaves(Object nested, Path file) {
        if (nested instanceof float[] floats) {
            return floats.length;
        }
        if (nested instanceof double[] doubles) {
            return doubles.length;
        }
        if (!(nested instanceof Object[] parts)) {
            throw new InvalidInputException(file + ": 'kspace' holds "
                    + (nested == null ? "no" : nested.getClass().getSimpleName()) + " values, expected complex64");
        }
        int total = 0;
        for (Object part : parts) {
            total += countLeaves(part, file);
        }
        return total;
    }

    private static int fill(Object nested, float[] out, int position) {
        if (nested instanceof float[] floats) {
            System.arraycopy(floats, 0, out, position, floats.length);
            return position + floats.length;
        }
        if (nested instanceof double[] doubles) {
            for (double d : doubles) {
                out[position++] = (float) d;
            }
            return position;
        }
        for (Object part : (Object[]) nested) {
            position = fill(part, out, position);
        }
        return position;
    }

    private static InvalidInputException unreadable(Path file, Exception e) {
        return new InvalidInputException(file + ": cannot read the HDF5 contents (" + oneLine(e) + ")", e);
    }

    private static String oneLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline >= 0 ? message.substring(0, newline) : message;
    }
}
