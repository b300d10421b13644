package org.diffprior.physics;

import java.util.function.UnaryOperator;

/**
 * Cartesian MRI whose mask is constant down each column (a 1-D mask) in hybrid space: every coil's k-space
 * transformed back along y, so that A_h = F_yᴴ A = M F_x S needs only the 1-D transforms of the rows
 * ({@link CenteredFft2#forwardRows}). F_y is unitary and commutes with a column mask, so ‖A_h x − F_yᴴ y‖ = ‖A x − y‖:
 * a least-squares, FISTA or Chambolle–Pock solve on (A_h, F_yᴴ y) takes the same iterates in x as on (A, y), at
 * about half the transforms.
 *
 * <pre>{@code
 * RowHybridForm.Hybrid h = RowHybridForm.of(operator);   // null for a 2-D mask
 * float[] x = new ChambollePock(h.operator(), w, h, 2).solve(h.measurements().apply(y), ...);
 * }</pre>
 */
public interface RowHybridForm {

    /** The operator in hybrid space and the map from its k-space to hybrid space, or null for a 2-D mask. */
    Hybrid rowHybrid();

    /** A_h and y ↦ F_yᴴ y (a new array; y is left as it is). */
    record Hybrid(LinearOperator operator, UnaryOperator<float[]> measurements) {
    }

    /** The hybrid form of {@code operator} when it has one, else null. */
    static Hybrid of(LinearOperator operator) {
        return operator instanceof RowHybridForm form ? form.rowHybrid() : null;
    }

    /**
     * What a solve runs on: the hybrid form when {@code operator} has one, else the operator itself with its
     * k-space as it is (copied, as the hybrid map's output is).
     */
    static Hybrid orItself(LinearOperator operator) {
        Hybrid hybrid = of(operator);
        return hybrid != null ? hybrid : new Hybrid(operator, float[]::clone);
    }
}
