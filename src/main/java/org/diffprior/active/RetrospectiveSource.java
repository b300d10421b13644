package org.diffprior.active;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.ComplexArray;

/**
 * Answers line requests from fully sampled k-space (retrospective undersampling), e.g. a BART .cfl of
 * H×W (single coil) or H×W×1×C (multi-coil). Counts the lines it hands out.
 *
 * <pre>{@code
 * MeasurementSource source = new RetrospectiveSource(Cfl.read(Path.of("full")));
 * source.acquireColumn(64, measured);
 * }</pre>
 */
public final class RetrospectiveSource implements MeasurementSource {

    private final int rows;
    private final int columns;
    private final int coils;
    private final float[] full; // coils × rows × columns, interleaved
    private int acquired;

    public RetrospectiveSource(ComplexArray kspace) {
        for (int d = 2; d < 16; d++) {
            if (d != 3 && kspace.dim(d) != 1) {
                throw new InvalidInputException("k-space must be H×W or H×W×1×C (BART layout); dimension " + d
                        + " has size " + kspace.dim(d) + ": pass one slice at a time");
            }
        }
        this.rows = (int) kspace.dim(0);
        this.columns = (int) kspace.dim(1);
        this.coils = (int) kspace.dim(3);
        // BART stores dimension 0 (row) fastest; reorder to row-major planes (row, column) per coil.
        float[] src = kspace.data();
        this.full = new float[src.length];
        for (int c = 0; c < coils; c++) {
            for (int x = 0; x < columns; x++) {
                for (int y = 0; y < rows; y++) {
                    int from = 2 * ((c * columns + x) * rows + y);
                    int to = 2 * ((c * rows + y) * columns + x);
                    full[to] = src[from];
                    full[to + 1] = src[from + 1];
                }
            }
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public int coils() {
        return coils;
    }

    @Override
    public void acquireColumn(int column, float[] kspace) {
        if (column < 0 || column >= columns) {
            throw new IllegalArgumentException("column " + column + " outside 0.." + (columns - 1));
        }
        for (int c = 0; c < coils; c++) {
            for (int y = 0; y < rows; y++) {
                int i = 2 * ((c * rows + y) * columns + column);
                kspace[i] = full[i];
                kspace[i + 1] = full[i + 1];
            }
        }
        acquired++;
    }

    /** Number of columns handed out so far. */
    public int acquiredCount() {
        return acquired;
    }
}
