package org.diffprior.io;

import java.util.Arrays;

/**
 * A complex float array of up to 16 dimensions as stored by BART: dimension 0 varies fastest
 * (dimension 0 = image row y, dimension 1 = column x, dimension 3 = coil; DESIGN.md section 3), values
 * interleaved (re, im). Trailing dimensions of size 1 may be omitted.
 */
public record ComplexArray(long[] dims, float[] data) {

    public ComplexArray {
        if (dims.length == 0 || dims.length > 16) {
            throw new IllegalArgumentException("a complex array has 1 to 16 dimensions, not " + dims.length);
        }
        long n = 1;
        for (long d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimensions must be positive: " + Arrays.toString(dims));
            }
            n *= d;
        }
        if (2 * n != data.length) {
            throw new IllegalArgumentException("data length " + data.length + " does not match dimensions "
                    + Arrays.toString(dims));
        }
        dims = dims.clone();
    }

    /** Size of dimension {@code d}; 1 beyond the stored dimensions. */
    public long dim(int d) {
        return d < dims.length ? dims[d] : 1;
    }

    /** Number of complex elements. */
    public long elements() {
        return data.length / 2;
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }
}
