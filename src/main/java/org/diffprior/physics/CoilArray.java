package org.diffprior.physics;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.ComplexArray;

/**
 * Complex multi-coil H×W data (k-space, coil images or sensitivity maps) in the in-memory layout of the MRI
 * operators: coil-major, each coil row-major (x fastest) and interleaved (re, im). Converts from and to
 * BART's H×W×1×C arrays, whose dimension 0 is the row y and varies fastest (DESIGN.md section 3).
 *
 * <pre>{@code
 * CoilArray kspace = CoilArray.fromCfl(Cfl.read(Path.of("kspace.cfl")), "kspace.cfl");
 * Cfl.write(Path.of("copy.cfl"), kspace.toCfl());
 * }</pre>
 */
public record CoilArray(int height, int width, int coils, float[] data) {

    public CoilArray {
        if ((long) 2 * height * width * coils != data.length) {
            throw new IllegalArgumentException("data length " + data.length + " does not match " + height + "x"
                    + width + "x" + coils + " complex");
        }
    }

    /** BART's slice dimension. */
    public static final int SLICE_DIMENSION = 13;

    /** Reads a BART array of H×W (single coil) or H×W×1×C; other non-singleton dimensions are bad input. */
    public static CoilArray fromCfl(ComplexArray array, String name) {
        if (array.dim(SLICE_DIMENSION) != 1) {
            throw new InvalidInputException(name + ": holds " + array.dim(SLICE_DIMENSION)
                    + " slices (dimension 13); this step takes one slice at a time");
        }
        return slicesFromCfl(array, name).get(0);
    }

    /**
     * Reads a BART array of H×W, H×W×1×C, or either with slices in BART's slice dimension 13, as one
     * array per slice; other non-singleton dimensions are bad input.
     */
    public static java.util.List<CoilArray> slicesFromCfl(ComplexArray array, String name) {
        long[] dims = array.dims();
        for (int d = 0; d < dims.length; d++) {
            if (d != 0 && d != 1 && d != 3 && d != SLICE_DIMENSION && dims[d] != 1) {
                throw new InvalidInputException(name + ": expected an H×W or H×W×1×C array (coils in dimension 3, "
                        + "slices in dimension 13), got dimensions " + java.util.Arrays.toString(dims));
            }
        }
        int height = (int) array.dim(0);
        int width = (int) array.dim(1);
        int coils = (int) array.dim(3);
        int slices = (int) array.dim(SLICE_DIMENSION);
        int sliceLength = 2 * height * width * coils;
        java.util.List<CoilArray> result = new java.util.ArrayList<>(slices);
        for (int s = 0; s < slices; s++) {
            result.add(fromBartSlice(array.data(), s * sliceLength, height, width, coils));
        }
        return result;
    }

    private static CoilArray fromBartSlice(float[] src, int offset, int height, int width, int coils) {
        float[] data = new float[2 * height * width * coils];
        for (int c = 0; c < coils; c++) {
            for (int x = 0; x < width; x++) {
                for (int y = 0; y < height; y++) {
                    int from = offset + 2 * (y + height * (x + width * c));
                    int to = 2 * ((c * height + y) * width + x);
                    data[to] = src[from];
                    data[to + 1] = src[from + 1];
                }
            }
        }
        return new CoilArray(height, width, coils, data);
    }

    /** The BART layout: H×W for one coil, H×W×1×C otherwise. */
    public ComplexArray toCfl() {
        float[] out = new float[data.length];
        for (int c = 0; c < coils; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int from = 2 * ((c * height + y) * width + x);
                    int to = 2 * (y + height * (x + width * c));
                    out[to] = data[from];
                    out[to + 1] = data[from + 1];
                }
            }
        }
        long[] dims = coils == 1 ? new long[] {height, width} : new long[] {height, width, 1, coils};
        return new ComplexArray(dims, out);
    }

    /** Slices of equal size as one BART array, slices in dimension 13 (one slice: {@link #toCfl()}). */
    public static ComplexArray toCfl(java.util.List<CoilArray> slices) {
        if (slices.size() == 1) {
            return slices.get(0).toCfl();
        }
        CoilArray first = slices.get(0);
        long[] dims = new long[SLICE_DIMENSION + 1];
        java.util.Arrays.fill(dims, 1);
        dims[0] = first.height;
        dims[1] = first.width;
        dims[3] = first.coils;
        dims[SLICE_DIMENSION] = slices.size();
        float[] out = new float[first.data.length * slices.size()];
        for (int s = 0; s < slices.size(); s++) {
            CoilArray slice = slices.get(s);
            if (slice.height != first.height || slice.width != first.width || slice.coils != first.coils) {
                throw new IllegalArgumentException("slice " + s + " differs in size from slice 0");
            }
            float[] data = slice.toCfl().data();
            System.arraycopy(data, 0, out, s * data.length, data.length);
        }
        return new ComplexArray(dims, out);
    }

    /** Complex H×W image of coil {@code c} (a copy). */
    public float[] coil(int c) {
        int n = 2 * height * width;
        return java.util.Arrays.copyOfRange(data, c * n, (c + 1) * n);
    }
}
