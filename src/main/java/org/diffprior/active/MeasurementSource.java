package org.diffprior.active;

/**
 * Where acquired k-space lines come from. Retrospective (from a fully sampled acquisition) now; shaped so
 * that a scanner or a simulator can answer line requests later: the caller asks for one column at a time
 * and receives all rows of all coils of that column.
 *
 * <p>K-space layout follows DESIGN.md section 3: coil-major planes of rows × columns, complex interleaved.
 */
public interface MeasurementSource {

    int rows();

    int columns();

    int coils();

    /**
     * Acquires column {@code column} and writes it into {@code kspace} (coils × rows × columns, interleaved
     * complex) at that column's positions; other positions are left unchanged.
     */
    void acquireColumn(int column, float[] kspace);
}
