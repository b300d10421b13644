package org.diffprior.active;

import org.diffprior.io.ComplexArray;
import org.diffprior.physics.CoilArray;

/**
 * Answers line requests from fully sampled k-space (retrospective undersampling), e.g. a BART .cfl of
 * H×W (single coil) or H×W×1×C (multi-coil), in the layout of {@link CoilArray}. Counts the lines it hands out.
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

    /** From a BART array of H×W or H×W×1×C (dimension 0 = row), reordered to the operators' layout. */
    public RetrospectiveSource(ComplexArray kspace) {
        this(CoilArray.fromCfl(kspace, "k-space"));
    }

    /**
     * From k-space in the layout of {@link org.diffprior.physics.MultiCoilCartesianMri}'s output (coil-major
     * planes of rows × columns, interleaved), so acquired columns can be compared with that operator directly.
     */
    public RetrospectiveSource(CoilArray kspace) {
        this.rows = kspace.height();
        this.columns = kspace.width();
        this.coils = kspace.coils();
        this.full = kspace.data().clone();
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
